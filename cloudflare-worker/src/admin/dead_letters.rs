//! The admin API's dead-letter store: list, show, replay (one, or all of a route), delete.

use super::REPLAY_PAGE;
use crate::config::Config;
use crate::deadletter::{self, Command};
use crate::queue::{self, Queued};
use crate::respond::{self, Log, json};

pub(super) async fn list(
    env: &worker::Env,
    after: u64,
    limit: u32,
    route: Option<String>,
    id: Option<String>,
    log: &mut Log,
) -> worker::Result<worker::Response> {
    let reply = deadletter::ask(
        env,
        &Command::List {
            after,
            limit: limit + 1,
            route,
            id,
            replayable_only: false,
        },
    )
    .await?;
    let more = reply.rows.len() > limit as usize;
    let rows = reply.rows.get(..limit as usize).unwrap_or(&reply.rows);
    let items: Vec<serde_json::Value> = rows
        .iter()
        .filter_map(|row| serde_json::from_str::<deadletter::Summary>(&row.summary).ok())
        .map(|summary| summary.shown())
        .collect();
    let next = if more {
        rows.last().map(|row| row.seq)
    } else {
        None
    };
    log.outcome("admin_list");
    json(
        200,
        &serde_json::json!({ "deadLetters": items, "total": reply.count, "next": next }),
    )
}

pub(super) async fn show(
    env: &worker::Env,
    config: &Config,
    key: String,
    log: &mut Log,
) -> worker::Result<worker::Response> {
    let reply = deadletter::ask(env, &Command::Get { key }).await?;
    let letter = reply
        .rows
        .first()
        .map(deadletter::read_row)
        .transpose()?
        .flatten();
    let Some(letter) = letter else {
        log.outcome("not_found");
        return respond::error(404, "not_found");
    };
    log.outcome("admin_show").message(&letter.summary.id, None);
    let origin = config
        .route(&letter.summary.route)
        .map(|route| route.origin.as_str());
    json(200, &letter.detail(origin))
}

pub(super) async fn delete(
    env: &worker::Env,
    key: String,
    log: &mut Log,
) -> worker::Result<worker::Response> {
    let reply = deadletter::ask(
        env,
        &Command::Delete {
            rows: vec![(key.clone(), 0)],
        },
    )
    .await?;
    if reply.count == 0 {
        log.outcome("not_found");
        return respond::error(404, "not_found");
    }
    log.outcome("admin_delete");
    json(200, &serde_json::json!({ "deleted": key }))
}

pub(super) async fn replay_one(
    env: &worker::Env,
    config: &Config,
    key: String,
    log: &mut Log,
) -> worker::Result<worker::Response> {
    let reply = deadletter::ask(env, &Command::Get { key: key.clone() }).await?;
    let Some(row) = reply.rows.first() else {
        log.outcome("not_found");
        return respond::error(404, "not_found");
    };
    let Some(letter) = deadletter::read_row(row)? else {
        log.outcome("not_found");
        return respond::error(404, "not_found");
    };
    log.message(&letter.summary.id, None);
    if !letter.summary.replayable {
        // Its body is missing, or it never authenticated: replaying would sign bytes that
        // were never verified. It stays for the operator to look at and delete.
        log.outcome("not_replayable");
        return json(
            409,
            &serde_json::json!({ "error": "not_replayable", "reason": letter.summary.reason }),
        );
    }
    let id = letter.summary.id.clone();
    if let Err(failure) = queue::enqueue(env, &config.queue_key, vec![replayed(letter)]).await {
        log.outcome("queue_unavailable")
            .detail(&failure.error.to_string());
        return respond::queue_unavailable();
    }
    deadletter::ask(
        env,
        &Command::Delete {
            rows: vec![(key.clone(), row.seq)],
        },
    )
    .await?;
    log.outcome("admin_replay");
    json(
        202,
        &serde_json::json!({ "replayed": 1, "key": key, "id": id }),
    )
}

fn replayed(letter: deadletter::DeadLetter) -> Queued {
    Queued {
        replays: letter.summary.replays.saturating_add(1),
        ..Queued::new(letter.message, letter.accepted_ms)
    }
}

/// Replays the dead letters present when it starts (those dead-lettered again meanwhile wait for
/// the next call), oldest first, a page at a time: each page goes into the queue, then out of
/// the store.
pub(super) async fn replay_all(
    env: &worker::Env,
    config: &Config,
    route: Option<String>,
    limit: u32,
    log: &mut Log,
) -> worker::Result<worker::Response> {
    let mut after = 0;
    let mut until = 0;
    let mut replayed_count: u32 = 0;
    let mut failure = None;
    while replayed_count < limit {
        let reply = deadletter::ask(
            env,
            &Command::Take {
                after,
                until,
                limit: REPLAY_PAGE.min(limit - replayed_count),
                route: route.clone(),
                replayable_only: true,
            },
        )
        .await?;
        if until == 0 {
            until = reply.last;
        }
        let Some(last) = reply.rows.last() else {
            break;
        };
        after = last.seq;
        let mut taken = Vec::with_capacity(reply.rows.len());
        let mut items = Vec::with_capacity(reply.rows.len());
        for row in &reply.rows {
            // A row that cannot be read stays where it is, for the operator to look at.
            if let Ok(Some(letter)) = deadletter::read_row(row) {
                taken.push((letter.summary.key.clone(), row.seq));
                items.push(replayed(letter));
            }
        }
        let sent = match queue::enqueue(env, &config.queue_key, items).await {
            Ok(()) => taken.len(),
            Err(error) => {
                let sent = error.sent;
                failure = Some(error.error);
                sent
            }
        };
        taken.truncate(sent);
        if !taken.is_empty() {
            deadletter::ask(env, &Command::Delete { rows: taken }).await?;
        }
        replayed_count += u32::try_from(sent).unwrap_or(u32::MAX);
        if failure.is_some() {
            break;
        }
    }
    let remaining = deadletter::ask(
        env,
        &Command::List {
            after: 0,
            limit: 1,
            route,
            id: None,
            replayable_only: true,
        },
    )
    .await?
    .count;
    let body = serde_json::json!({ "replayed": replayed_count, "remaining": remaining });
    if let Some(error) = failure {
        log.outcome("queue_unavailable").detail(&error.to_string());
        let mut body = body;
        if let Some(object) = body.as_object_mut() {
            object.insert("error".into(), "queue_unavailable".into());
        }
        return json(503, &body);
    }
    log.outcome("admin_replay");
    json(202, &body)
}
