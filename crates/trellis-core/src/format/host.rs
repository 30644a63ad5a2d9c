//! The events an embedded Trellis posts to its host page (README, "Embedding"): their
//! field names and shape are a promise to intranet pages, so they are fixed here.
//!
//! `{"source": "trellis", "type": "response-sent" | "round-closed", "round": ...,
//! "collaboration": ..., "response": ..., "answers": {...}, "levels": {...}}`, where
//! `response` is only in `response-sent`, and `answers` and `levels` only when the host's
//! config shares answers. Absent fields are left out rather than sent as `null`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Answer, Workspace};

/// One event for the host page, borrowing what it reports from the workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HostEvent<'a> {
    /// Always `"trellis"`, so the host can tell these messages from any others.
    source: &'static str,
    #[serde(rename = "type")]
    kind: HostEventKind,
    round: &'a str,
    collaboration: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    response: Option<&'a str>,
    /// Answers by statement id: `1`..`5`, `"dk"` or `"na"`, as in a response file.
    #[serde(skip_serializing_if = "Option::is_none")]
    answers: Option<&'a BTreeMap<String, Answer>>,
    /// Chosen maturity levels by domain id.
    #[serde(skip_serializing_if = "Option::is_none")]
    levels: Option<&'a BTreeMap<String, u8>>,
}

/// What happened (the event's `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HostEventKind {
    /// Someone sent their answers.
    ResponseSent,
    /// The facilitator closed a round.
    RoundClosed,
}

impl<'a> HostEvent<'a> {
    fn new(workspace: &'a Workspace, kind: HostEventKind, round_id: &str) -> Option<HostEvent<'a>> {
        let (collaboration, round) = workspace.round(round_id)?;
        Some(HostEvent {
            source: "trellis",
            kind,
            round: &round.id,
            collaboration: &collaboration.id,
            response: None,
            answers: None,
            levels: None,
        })
    }

    /// A round was closed; `None` when the workspace has no such round.
    pub fn round_closed(workspace: &'a Workspace, round_id: &str) -> Option<HostEvent<'a>> {
        HostEvent::new(workspace, HostEventKind::RoundClosed, round_id)
    }

    /// Answers were sent; with `share_answers` (the host's config) the event carries
    /// them. `None` when the workspace has no such response or round.
    pub fn response_sent(
        workspace: &'a Workspace,
        response_id: &str,
        share_answers: bool,
    ) -> Option<HostEvent<'a>> {
        let response = workspace.response(response_id)?;
        let event = HostEvent::new(workspace, HostEventKind::ResponseSent, &response.round_id)?;
        Some(HostEvent {
            response: Some(&response.id),
            answers: share_answers.then_some(&response.answers),
            levels: share_answers.then_some(&response.levels),
            ..event
        })
    }
}
