// The operator's page: reads the Worker's admin API with the admin token, which it asks for once,
// keeps in this tab's sessionStorage and sends in the Authorization header (never in a URL). Every
// figure and decision comes from the API; this script only asks and shows. Text from the API is
// always set as text (textContent), never parsed as HTML: ids, routes and bodies come from
// senders.

const TOKEN_KEY = "hookseal-admin-token";
const PAGE = 50;
const $ = (id) => document.getElementById(id);

let token = sessionStorage.getItem(TOKEN_KEY);
/** The cursors of the deliveries' pages shown so far (0: the newest). */
let cursors = [0];
let nextCursor = null;
/** The dead letters listed, and the cursor of the next page of them. */
let letters = [];
let lettersNext = null;
/** The dead letter shown, and the button that opened it. */
let shownLetter = null;
let opener = null;

class Refused extends Error {}

class ApiError extends Error {
  constructor(status, body) {
    super(`${status} ${body?.error ?? ""}${body?.problem ? `: ${body.problem}` : ""}`);
    this.status = status;
    this.body = body;
  }
}

/** Calls the admin API with the token; 401 forgets it and asks again. */
async function api(method, path, query) {
  const url = query ? `${path}?${new URLSearchParams(query)}` : path;
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}` },
    cache: "no-store",
    credentials: "omit",
  });
  if (response.status === 401) {
    forget("The token was refused: enter the Worker's ADMIN_TOKEN.");
    throw new Refused();
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** An element with properties (`text`, `class`, attributes, `on<event>`) and children. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

/** A table cell with the column's name for narrow screens (see admin.css), its content in one span. */
function cell(label, content, props = {}, tag = "td") {
  const value = el("span", { class: "value" });
  if (content instanceof Node) value.append(content);
  else value.textContent = content ?? "–";
  return el(tag, { "data-label": label, ...props }, value);
}

const time = (iso) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : "–");
const ms = (value) => (value === undefined || value === null ? "–" : `${value} ms`);

function say(message, kind = "info") {
  const status = $("status");
  status.textContent = message;
  status.dataset.kind = kind;
}

function forget(message) {
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  $("dashboard").hidden = true;
  $("session").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = message ?? "";
  say("");
  $("token").value = "";
  $("token").focus();
}

async function login(event) {
  event.preventDefault();
  const given = $("token").value.trim();
  if (!given) return;
  token = given;
  $("login-error").textContent = "";
  try {
    await api("GET", "/admin/routes");
  } catch (error) {
    if (!(error instanceof Refused)) $("login-error").textContent = `The admin API answered ${error.message}`;
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  await open();
}

async function open() {
  $("login").hidden = true;
  $("dashboard").hidden = false;
  $("session").hidden = false;
  await refresh();
}

async function refresh() {
  say("Loading…");
  try {
    await Promise.all([loadRoutes(), loadDeliveries(), loadDeadLetters()]);
    $("updated").textContent = `Updated ${new Date().toISOString().slice(11, 19)} UTC`;
    say("");
  } catch (error) {
    if (!(error instanceof Refused)) say(`Could not load: ${error.message}`, "error");
  }
}

// Routes and their figures ---------------------------------------------------------------------

const FIGURES = ["accepted", "forwarded", "duplicate", "rejected", "failed", "retried", "deadLettered"];
const FIGURE_LABELS = {
  accepted: "Accepted",
  forwarded: "Forwarded",
  duplicate: "Duplicate",
  rejected: "Rejected",
  failed: "Failed",
  retried: "Retried",
  deadLettered: "Dead-lettered",
};

async function loadRoutes() {
  const data = await api("GET", "/admin/routes");
  $("window").textContent = `last 24 hours, since ${time(data.since)} UTC`;
  const body = $("routes-table").tBodies[0];
  body.replaceChildren(
    ...data.routes.map((route) => {
      const row = el("tr", { "data-route": route.path });
      row.append(
        cell("Route", route.path, { scope: "row" }, "th"),
        cell("Scheme", route.scheme),
        cell("Delivery", route.delivery),
      );
      for (const figure of FIGURES) {
        const value = route.counts[figure];
        if (figure === "rejected") {
          const codes = Object.entries(value);
          const total = codes.reduce((sum, [, n]) => sum + n, 0);
          const td = cell(FIGURE_LABELS[figure], String(total), { "data-count": figure });
          if (codes.length > 0) {
            td.firstChild.append(
              el(
                "ul",
                { class: "codes" },
                ...codes.map(([code, n]) => el("li", { "data-code": code, text: `${code} ${n}` })),
              ),
            );
          }
          row.append(td);
        } else {
          row.append(cell(FIGURE_LABELS[figure], String(value), { "data-count": figure }));
        }
      }
      return row;
    }),
  );
  fillSelect($("filter-route"), data.routes.map((route) => route.path), "All routes");
  const outcomes = new Set();
  for (const route of data.routes) {
    for (const key of Object.keys(route.counts.outcomes)) outcomes.add(key.slice(key.indexOf(":") + 1));
  }
  fillSelect($("filter-outcome"), [...outcomes].sort(), "All outcomes");
}

/** Replaces a select's options by `values` (keeping the choice, and "all" first). */
function fillSelect(select, values, all) {
  const chosen = select.value;
  const options = [el("option", { value: "", text: all })];
  for (const value of values) options.push(el("option", { value, text: value }));
  if (chosen && !values.includes(chosen)) options.push(el("option", { value: chosen, text: chosen }));
  select.replaceChildren(...options);
  select.value = chosen;
}

// The delivery log -------------------------------------------------------------------------------

/** The message id: authenticated (signed or derived), and the unsigned vendor id apart. */
function messageId(entry) {
  const wrap = el("span", { class: "id" });
  if (entry.id) {
    wrap.append(el("code", { text: entry.id }));
    if (entry.idSource) {
      const title =
        entry.idSource === "signed"
          ? "The vendor's own id, covered by its signature"
          : "Derived from the route and the signed body (the scheme signs no id)";
      wrap.append(" ", el("span", { class: `badge ${entry.idSource}`, title, text: entry.idSource }));
    }
  } else {
    wrap.append(el("span", { class: "muted", text: "none (not verified)" }));
  }
  if (entry.unsignedId) {
    wrap.append(
      el("br"),
      el("span", { class: "badge unsigned", title: "Claimed by a header the signature does not cover", text: "unsigned" }),
      " ",
      el("code", { class: "muted", text: entry.unsignedId }),
    );
  }
  return wrap;
}

function outcomeOf(entry) {
  const wrap = el("span", { class: `outcome ${entry.outcome}`, text: entry.outcome });
  if (entry.attemptOutcome && entry.attemptOutcome !== entry.outcome) {
    wrap.append(el("span", { class: "muted", text: ` (${entry.attemptOutcome})` }));
  }
  if (entry.detail) wrap.title = entry.detail;
  return wrap;
}

async function loadDeliveries() {
  const query = { limit: String(PAGE) };
  const before = cursors[cursors.length - 1];
  if (before) query.before = String(before);
  if ($("filter-route").value) query.route = $("filter-route").value;
  if ($("filter-outcome").value) query.outcome = $("filter-outcome").value;
  const data = await api("GET", "/admin/deliveries", query);
  nextCursor = data.next;
  const body = $("deliveries-table").tBodies[0];
  body.replaceChildren(
    ...data.deliveries.map((entry) =>
      el(
        "tr",
        { "data-outcome": entry.outcome, "data-kind": entry.kind, "data-id": entry.id },
        cell("Time", el("time", { datetime: entry.at, text: time(entry.at) })),
        cell("Route", entry.route),
        cell("Message id", messageId(entry)),
        cell("Outcome", outcomeOf(entry)),
        cell("Origin", entry.originStatus === undefined ? "–" : String(entry.originStatus)),
        cell("Attempt", entry.attempt === undefined ? "–" : String(entry.attempt)),
        cell("Duration", ms(entry.durationMs)),
      ),
    ),
  );
  $("deliveries-empty").hidden = data.deliveries.length > 0;
  $("older").disabled = nextCursor === null;
  $("newer").disabled = cursors.length === 1;
}

async function page(move) {
  if (move === "older" && nextCursor !== null) cursors.push(nextCursor);
  if (move === "newer" && cursors.length > 1) cursors.pop();
  if (move === "filter") cursors = [0];
  try {
    await loadDeliveries();
  } catch (error) {
    if (!(error instanceof Refused)) say(`Could not load deliveries: ${error.message}`, "error");
  }
}

// Dead letters -----------------------------------------------------------------------------------

/**
 * A dead letter's message id. One that never authenticated (`authenticated: false`: a queue
 * message whose MAC did not check out) has only the id it claimed, which may be a genuine
 * message's: marked so, never shown like a verified one.
 */
function letterId(letter) {
  const wrap = el("span", { class: "id" }, el("code", { text: letter.id }));
  if (letter.authenticated === false) {
    wrap.append(
      " ",
      el("span", {
        class: "badge unsigned",
        title: "Claimed by a queue message that did not authenticate: not this message's id",
        text: "claimed",
      }),
    );
  } else if (letter.idSource) {
    wrap.append(" ", el("span", { class: `badge ${letter.idSource}`, text: letter.idSource }));
  }
  return wrap;
}

/** A dead letter's route: marked as claimed when the letter never authenticated. */
const letterRoute = (letter) => (letter.authenticated === false ? `${letter.route} (claimed)` : letter.route);

async function loadDeadLetters(more = false) {
  const query = { limit: String(PAGE) };
  if (more && lettersNext !== null) query.after = String(lettersNext);
  const data = await api("GET", "/admin/dead-letters", query);
  letters = more ? [...letters, ...data.deadLetters] : data.deadLetters;
  lettersNext = data.next;
  $("dead-count").textContent = `${data.total} in the store`;
  $("dead-empty").hidden = letters.length > 0;
  $("more-dead").hidden = lettersNext === null;
  const chosen = new Set(selectedKeys());
  const body = $("dead-table").tBodies[0];
  body.replaceChildren(
    ...letters.map((letter) => {
      const check = el("input", {
        type: "checkbox",
        class: "pick",
        "data-key": letter.key,
        "aria-label": `Select the dead letter of ${letter.id}`,
        disabled: !letter.replayable,
        checked: chosen.has(letter.key) && letter.replayable,
        onchange: updateSelection,
      });
      const lastError = `${letter.lastError}${letter.lastStatus ? ` ${letter.lastStatus}` : ""}`;
      return el(
        "tr",
        { "data-key": letter.key },
        cell("Select", check),
        cell("Dead-lettered", time(letter.deadLetteredAt)),
        cell("Route", letterRoute(letter)),
        cell("Message id", letterId(letter)),
        cell("Reason", letter.replayable ? letter.reason : `${letter.reason} (not replayable)`),
        cell("Attempts", String(letter.attempts)),
        cell("Last error", lastError),
        cell(
          "Details",
          el("button", {
            type: "button",
            class: "view",
            "data-key": letter.key,
            "aria-label": `View the dead letter of ${letter.id}`,
            text: "View",
            onclick: (event) => showLetter(letter.key, event.currentTarget),
          }),
        ),
      );
    }),
  );
  updateSelection();
  if (shownLetter && !letters.some((letter) => letter.key === shownLetter.key)) closeLetter(false);
}

function selectedKeys() {
  return [...document.querySelectorAll("#dead-table .pick:checked")].map((box) => box.dataset.key);
}

function updateSelection() {
  const boxes = [...document.querySelectorAll("#dead-table .pick:not(:disabled)")];
  const picked = selectedKeys().length;
  $("replay-selected").disabled = picked === 0;
  $("replay-selected").textContent = picked > 0 ? `Replay selected (${picked})` : "Replay selected";
  $("select-all").checked = boxes.length > 0 && picked === boxes.length;
}

function selectAll() {
  const on = $("select-all").checked;
  for (const box of document.querySelectorAll("#dead-table .pick:not(:disabled)")) box.checked = on;
  updateSelection();
}

/** Asks for confirmation in a modal dialog; resolves true only on Confirm. */
function confirmAction(text, action) {
  const dialog = $("confirm");
  $("confirm-text").textContent = text;
  $("confirm-ok").textContent = action;
  return new Promise((resolve) => {
    const done = (answer) => {
      $("confirm-ok").onclick = null;
      $("confirm-cancel").onclick = null;
      dialog.oncancel = null;
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    $("confirm-ok").onclick = () => done(true);
    $("confirm-cancel").onclick = () => done(false);
    dialog.oncancel = (event) => {
      event.preventDefault();
      done(false);
    };
    dialog.showModal();
    $("confirm-cancel").focus();
  });
}

async function replay(keys) {
  let replayed = 0;
  const failures = [];
  for (const key of keys) {
    try {
      await api("POST", `/admin/dead-letters/${encodeURIComponent(key)}/replay`);
      replayed += 1;
    } catch (error) {
      if (error instanceof Refused) throw error;
      failures.push(`${key}: ${error.body?.reason ?? error.message}`);
    }
  }
  return { replayed, failures };
}

async function replaySelected() {
  const keys = selectedKeys();
  if (keys.length === 0) return;
  const many = keys.length === 1 ? "1 dead letter" : `${keys.length} dead letters`;
  const ok = await confirmAction(
    `Replay ${many}? Each goes back into the delivery queue with the same webhook-id and a fresh round of attempts.`,
    `Replay ${keys.length}`,
  );
  if (!ok) return $("replay-selected").focus();
  await act(async () => {
    const { replayed, failures } = await replay(keys);
    report(`Replayed ${replayed} of ${keys.length}.`, failures);
  });
  $("replay-selected").focus();
}

function report(message, failures) {
  if (failures.length === 0) say(message, "ok");
  else say(`${message} Failed: ${failures.join("; ")}`, "error");
}

/** Runs an action, then reloads what it changed. */
async function act(action) {
  try {
    await action();
    await loadDeadLetters();
    await loadRoutes();
    await loadDeliveries();
  } catch (error) {
    if (!(error instanceof Refused)) say(error.message, "error");
  }
}

function addTerm(list, term, value, props = {}) {
  list.append(el("dt", { text: term }), el("dd", props, value));
}

async function showLetter(key, button) {
  opener = button ?? opener;
  let letter;
  try {
    letter = await api("GET", `/admin/dead-letters/${encodeURIComponent(key)}`);
  } catch (error) {
    if (!(error instanceof Refused)) say(`Could not load the dead letter: ${error.message}`, "error");
    return;
  }
  shownLetter = letter;
  const summary = $("letter-summary");
  summary.replaceChildren();
  addTerm(summary, "Message id (webhook-id)", letterId(letter));
  addTerm(summary, "Route", letterRoute(letter));
  addTerm(summary, "Scheme", letter.scheme || "–");
  addTerm(summary, "Reason", letter.replayable ? letter.reason : `${letter.reason} (not replayable)`);
  addTerm(summary, "Attempts (last round)", String(letter.attempts));
  addTerm(
    summary,
    "Last error",
    `${letter.lastError}${letter.lastStatus ? ` (origin ${letter.lastStatus})` : ""}${letter.lastDetail ? `: ${letter.lastDetail}` : ""}`,
  );
  addTerm(summary, "Accepted", `${time(letter.acceptedAt)} UTC`);
  addTerm(summary, "Last attempt", `${time(letter.lastAttemptAt)} UTC`);
  addTerm(summary, "Dead-lettered", `${time(letter.deadLetteredAt)} UTC`);
  addTerm(summary, "Replays before", String(letter.replays));
  addTerm(summary, "Origin now", letter.origin ?? "none: the route is gone");
  addTerm(summary, "Key", el("code", { text: letter.key }));

  const preview = letter.preview;
  const isText = typeof preview.text === "string";
  $("letter-body").textContent = isText ? preview.text : preview.hex;
  $("letter-body").dataset.kind = isText ? "text" : "hex";
  $("body-info").textContent =
    `${preview.bytes} bytes, ${isText ? "text" : "binary, in hex"}` + (preview.truncated ? ", the start shown" : "");

  // The headers carried over from the sender's request are what it sent, unauthenticated.
  const carried = new Set(Object.keys(letter.headers ?? {}));
  $("letter-headers").tBodies[0].replaceChildren(
    ...letter.sentHeaders.map(([name, value]) => {
      const header = el("span", {}, el("code", { text: name }));
      if (carried.has(name)) {
        header.append(
          " ",
          el("span", { class: "badge unsigned", title: "As the sender sent it: its signature does not cover it", text: "unsigned" }),
        );
      }
      return el("tr", { "data-header": name }, cell("Header", header), cell("Value", el("code", { text: value })));
    }),
  );
  $("fresh-note").textContent =
    `Also ${letter.signedAtEachAttempt.join(" and ")}, signed afresh at each attempt.`;

  // A claimed id may be a genuine message's: its attempts are not this letter's.
  let history = { deliveries: [] };
  if (letter.authenticated !== false) {
    try {
      history = await api("GET", "/admin/deliveries", { id: letter.id, route: letter.route, limit: "100" });
    } catch (error) {
      if (error instanceof Refused) return;
      say(`Could not load the attempts: ${error.message}`, "error");
    }
  }
  $("letter-attempts").tBodies[0].replaceChildren(
    ...history.deliveries.map((entry) =>
      el(
        "tr",
        { "data-outcome": entry.outcome },
        cell("Time", time(entry.at)),
        cell("What", entry.kind === "attempt" ? "queue attempt" : "request"),
        cell("Outcome", outcomeOf(entry)),
        cell("Origin", entry.originStatus === undefined ? "–" : String(entry.originStatus)),
        cell("Attempt", entry.attempt === undefined ? "–" : String(entry.attempt)),
        cell("Duration", ms(entry.durationMs)),
      ),
    ),
  );
  $("attempts-note").textContent =
    letter.authenticated === false
      ? "This queue message did not authenticate: its route and id are only claimed, so the delivery log's entries under that id are not its own."
      : history.deliveries.length === 0
        ? "The delivery log has no entries of this message any more (it keeps 7 days)."
        : "From the delivery log, newest first.";

  $("letter-replay").disabled = !letter.replayable;
  $("letter").hidden = false;
  $("letter-title").textContent =
    letter.authenticated === false ? "Dead letter of a queue message that did not authenticate" : `Dead letter ${letter.id}`;
  $("letter-title").focus();
}

function closeLetter(restoreFocus = true) {
  shownLetter = null;
  $("letter").hidden = true;
  if (restoreFocus && opener?.isConnected) opener.focus();
}

async function replayShown() {
  const letter = shownLetter;
  if (!letter) return;
  const ok = await confirmAction(
    `Replay the dead letter of ${letter.id}? It goes back into the delivery queue with the same webhook-id.`,
    "Replay",
  );
  if (!ok) return $("letter-replay").focus();
  await act(async () => {
    const { replayed, failures } = await replay([letter.key]);
    report(replayed === 1 ? `Replayed ${letter.id}.` : "Nothing replayed.", failures);
    closeLetter(false);
  });
  $("dead-title").focus();
}

async function deleteShown() {
  const letter = shownLetter;
  if (!letter) return;
  const ok = await confirmAction(
    `Delete the dead letter of ${letter.id}? It is gone for good: it cannot be replayed afterwards.`,
    "Delete",
  );
  if (!ok) return $("letter-delete").focus();
  await act(async () => {
    await api("DELETE", `/admin/dead-letters/${encodeURIComponent(letter.key)}`);
    say(`Deleted the dead letter of ${letter.id}.`, "ok");
    closeLetter(false);
  });
  $("dead-title").focus();
}

// Wiring -----------------------------------------------------------------------------------------

$("login-form").addEventListener("submit", login);
$("refresh").addEventListener("click", refresh);
$("forget").addEventListener("click", () => forget("Forgotten. Enter the token to open the page again."));
$("filter-route").addEventListener("change", () => page("filter"));
$("filter-outcome").addEventListener("change", () => page("filter"));
$("older").addEventListener("click", () => page("older"));
$("newer").addEventListener("click", () => page("newer"));
$("select-all").addEventListener("change", selectAll);
$("replay-selected").addEventListener("click", replaySelected);
$("more-dead").addEventListener("click", () => loadDeadLetters(true).catch((error) => say(error.message, "error")));
$("letter-replay").addEventListener("click", replayShown);
$("letter-delete").addEventListener("click", deleteShown);
$("letter-close").addEventListener("click", () => closeLetter());
$("dead-title").tabIndex = -1;

if (token) {
  open().finally(() => document.body.setAttribute("data-ready", ""));
} else {
  forget();
  document.body.setAttribute("data-ready", "");
}
