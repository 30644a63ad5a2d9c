//! Moving collaborations between browsers: extracting a collaboration or a single round
//! as a workspace file, and merging such a file into a workspace record by record.
//!
//! A collaboration file is an ordinary workspace (same schema, same reader), holding one
//! collaboration and the responses of its rounds. Merging never deletes and never
//! overwrites newer with older:
//! - a collaboration, round, response or plan item not yet here is added;
//! - a response already here is replaced only by a later version of itself that is not
//!   a step back (a submitted response is never replaced by an unsent one);
//! - targets and context answers (the collaboration's and each round's own) fill gaps:
//!   an answer missing here is taken from the other copy, one present here is kept;
//! - a consensus recorded later wins;
//! - a round's settings (open or closed, whether it has a partner map) are kept as they
//!   are here;
//! - a response whose round is in neither workspace is left out and counted;
//! - deletions travel as tombstones: a record deleted on either side stays deleted, and
//!   an older copy of it is not brought back.

use crate::format::{Collaboration, Round, Workspace};
use crate::sort::sort_by;

/// What a merge did (or, on a copy, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub collaborations_added: usize,
    pub rounds_added: usize,
    pub responses_added: usize,
    pub responses_updated: usize,
    /// Responses identical to, or older than, what is already here.
    pub responses_unchanged: usize,
    /// Responses for a round that neither workspace holds.
    pub responses_orphaned: usize,
    pub plan_items_added: usize,
    /// Plan items replaced by a later version of themselves.
    pub plan_items_updated: usize,
    /// Agreed views (consensus) taken from the other copy: new here, or recorded later.
    pub consensus_updated: usize,
    /// Records removed here because the other side had deleted them.
    pub deletions_applied: usize,
    /// Records in the other side that were deleted here, so not brought back.
    pub deleted_skipped: usize,
}

impl MergeReport {
    pub fn changes_anything(&self) -> bool {
        self.collaborations_added
            + self.rounds_added
            + self.responses_added
            + self.responses_updated
            + self.plan_items_added
            + self.plan_items_updated
            + self.consensus_updated
            + self.deletions_applied
            > 0
    }
}

impl Workspace {
    /// A workspace file holding one collaboration (or, with `round_id`, one round of it)
    /// and the responses of the rounds it holds, in order of id. A file extracted, merged
    /// into another workspace and extracted there again is the same text, byte for byte. `None` when there is no such
    /// collaboration or round.
    pub fn extract(&self, collaboration_id: &str, round_id: Option<&str>) -> Option<Workspace> {
        let mut collaboration = self.collaboration(collaboration_id)?.clone();
        if let Some(round_id) = round_id {
            collaboration.rounds.retain(|r| r.id == round_id);
            if collaboration.rounds.is_empty() {
                return None;
            }
        }
        let mut responses: Vec<_> = self
            .responses
            .iter()
            .filter(|r| collaboration.rounds.iter().any(|x| x.id == r.round_id))
            .cloned()
            .collect();
        // In order of id, not of arrival here, so the same round gives the same file
        // wherever it is exported (a merge puts new responses last and updates others
        // where they are).
        sort_by(&mut responses, |a, b| a.id.cmp(&b.id));
        Some(Workspace {
            collaborations: vec![collaboration],
            responses,
            ..Workspace::default()
        })
    }

    /// Merges another workspace into this one under the rules in the module notes.
    pub fn merge(&mut self, mut other: Workspace) -> MergeReport {
        let mut report = MergeReport::default();
        // Deletions first: the other side's tombstones remove records here...
        for t in std::mem::take(&mut other.deleted) {
            if !self.is_deleted(t.kind, &t.id) {
                report.deletions_applied += self.remove_record(t.kind, &t.id);
                self.deleted.push(t);
            }
        }
        // ...and records deleted here are dropped from the other side before adding.
        let before = other.record_count();
        for t in &self.deleted {
            other.remove_record(t.kind, &t.id);
        }
        report.deleted_skipped = before - other.record_count();
        for incoming in other.collaborations {
            match self.collaborations.iter_mut().find(|c| c.id == incoming.id) {
                None => {
                    report.collaborations_added += 1;
                    report.rounds_added += incoming.rounds.len();
                    report.plan_items_added += incoming.rounds.iter().map(|r| r.plan.len()).sum::<usize>();
                    self.collaborations.push(incoming);
                }
                Some(here) => merge_collaboration(here, incoming, &mut report),
            }
        }
        for response in other.responses {
            if self.round(&response.round_id).is_none() {
                report.responses_orphaned += 1;
                continue;
            }
            match self.responses.iter_mut().find(|r| r.id == response.id) {
                None => {
                    report.responses_added += 1;
                    self.responses.push(response);
                }
                Some(here) => {
                    let step_back = here.submitted.is_some() && response.submitted.is_none();
                    if *here != response && response.updated > here.updated && !step_back {
                        *here = response;
                        report.responses_updated += 1;
                    } else {
                        report.responses_unchanged += 1;
                    }
                }
            }
        }
        report
    }
}

impl Workspace {
    /// Collaborations, rounds and responses together.
    fn record_count(&self) -> usize {
        self.collaborations.len()
            + self.collaborations.iter().map(|c| c.rounds.len()).sum::<usize>()
            + self.responses.len()
    }

    /// Removes a record (and what belongs to it) if present; returns how many records went.
    fn remove_record(&mut self, kind: crate::format::TombstoneKind, id: &str) -> usize {
        use crate::format::TombstoneKind;
        let gone_rounds: Vec<String> = match kind {
            TombstoneKind::Collaboration => self
                .collaborations
                .iter()
                .filter(|c| c.id == id)
                .flat_map(|c| c.rounds.iter().map(|r| r.id.clone()))
                .collect(),
            TombstoneKind::Round => vec![id.to_string()],
            TombstoneKind::Response => Vec::new(),
        };
        let before = self.record_count();
        match kind {
            TombstoneKind::Collaboration => self.collaborations.retain(|c| c.id != id),
            TombstoneKind::Round => self
                .collaborations
                .iter_mut()
                .for_each(|c| c.rounds.retain(|r| r.id != id)),
            TombstoneKind::Response => self.responses.retain(|r| r.id != id),
        }
        self.responses.retain(|r| !gone_rounds.contains(&r.round_id));
        before - self.record_count()
    }
}

fn merge_collaboration(here: &mut Collaboration, incoming: Collaboration, report: &mut MergeReport) {
    for partner in incoming.partners {
        if !here.partners.iter().any(|p| p.id == partner.id) {
            here.partners.push(partner);
        }
    }
    for (question, answer) in incoming.context {
        here.context.entry(question).or_insert(answer);
    }
    if here.contact.is_none() {
        here.contact = incoming.contact;
    }
    for round in incoming.rounds {
        match here.rounds.iter_mut().find(|r| r.id == round.id) {
            None => {
                report.rounds_added += 1;
                report.plan_items_added += round.plan.len();
                here.rounds.push(round);
            }
            Some(mine) => merge_round(mine, round, report),
        }
    }
}

fn merge_round(here: &mut Round, incoming: Round, report: &mut MergeReport) {
    for (domain, level) in incoming.targets {
        here.targets.entry(domain).or_insert(level);
    }
    for (question, answer) in incoming.context {
        here.context.entry(question).or_insert(answer);
    }
    for (domain, agreed) in incoming.consensus {
        match here.consensus.get(&domain) {
            Some(mine) if mine.recorded >= agreed.recorded => {}
            _ => {
                report.consensus_updated += 1;
                here.consensus.insert(domain, agreed);
            }
        }
    }
    for item in incoming.plan {
        match here.plan.iter_mut().find(|i| i.id == item.id) {
            None => {
                report.plan_items_added += 1;
                here.plan.push(item);
            }
            Some(mine) if item.updated > mine.updated => {
                report.plan_items_updated += 1;
                *mine = item;
            }
            Some(_) => {}
        }
    }
}

/// How much of the stored text one round takes: what a facilitator weighs when cleaning
/// up old rounds to make room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundSpace {
    pub collaboration: String,
    pub collaboration_name: String,
    pub round: String,
    pub name: String,
    /// The round's date, `YYYY-MM-DD`.
    pub date: String,
    pub responses: usize,
    /// Characters of stored JSON for the round and its responses.
    pub chars: usize,
}

/// How much of the stored text one collaboration takes, with what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpaceUsed {
    pub collaboration: String,
    pub name: String,
    pub rounds: usize,
    pub responses: usize,
    /// Characters of stored JSON for the collaboration and its responses.
    pub chars: usize,
}

impl Workspace {
    /// What uses the space in storage, largest first, so a facilitator whose store is
    /// full can see which collaborations to back up and clean up.
    pub fn space_used(&self) -> Vec<SpaceUsed> {
        let columns = crate::format::stored::Columns::of(&self.responses);
        let mut list: Vec<SpaceUsed> = self
            .collaborations
            .iter()
            .map(|c| {
                let responses: Vec<&crate::format::Response> = self
                    .responses
                    .iter()
                    .filter(|r| c.rounds.iter().any(|x| x.id == r.round_id))
                    .collect();
                let chars = serde_json::to_string(c).map_or(0, |t| t.len())
                    + responses.iter().map(|r| columns.row_len(r)).sum::<usize>();
                SpaceUsed {
                    collaboration: c.id.clone(),
                    name: c.name.clone(),
                    rounds: c.rounds.len(),
                    responses: responses.len(),
                    chars,
                }
            })
            .collect();
        list.sort_by(|a, b| b.chars.cmp(&a.chars).then_with(|| a.name.cmp(&b.name)));
        list
    }

    /// Every round with the space it takes, oldest first (by date, then name), skipping
    /// the fictional example, which is removed as a whole from the start page.
    pub fn round_space(&self) -> Vec<RoundSpace> {
        let columns = crate::format::stored::Columns::of(&self.responses);
        let mut list: Vec<RoundSpace> = self
            .collaborations
            .iter()
            .filter(|c| !c.example)
            .flat_map(|c| c.rounds.iter().map(move |r| (c, r)))
            .map(|(c, r)| {
                let (count, chars) = self
                    .responses_for(&r.id)
                    .fold((0, 0), |(n, len), x| (n + 1, len + columns.row_len(x)));
                RoundSpace {
                    collaboration: c.id.clone(),
                    collaboration_name: c.name.clone(),
                    round: r.id.clone(),
                    name: r.name.clone(),
                    date: r.date.clone(),
                    responses: count,
                    chars: chars + serde_json::to_string(r).map_or(0, |t| t.len()),
                }
            })
            .collect();
        list.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
        list
    }
}
