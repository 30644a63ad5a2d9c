//! Co-facilitators sharing one collaboration through a file: finding the real conflicts
//! between this browser's copy and the file's, and settling each one as the facilitator
//! chose, before the ordinary record-by-record merge (`merge.rs`) takes in the rest.
//!
//! The merge alone settles a plan item or an agreed level changed on both sides by
//! keeping the later one, which silently loses the other facilitator's change. So each
//! browser keeps the copy it last synchronised (the *base*, see [`sync_base`]) and a
//! record is a conflict only when both sides changed it since the base and ended up
//! different. A record changed on one side only is not a conflict: the merge takes the
//! changed side. Without a base (the first synchronisation of two copies that grew
//! apart) every record the two copies hold differently is a conflict, since nothing
//! says which side changed it.

use crate::format::{Consensus, PlanItem, Round, Timestamp, Workspace};

/// One record changed on both sides since the last synchronisation.
// A sync finds a handful of these at most, so the plan variant's size costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The same action on a round's plan.
    Plan {
        round: String,
        mine: PlanItem,
        theirs: PlanItem,
    },
    /// The same domain's agreed view (level, rationale, evidence) in a round.
    Consensus {
        round: String,
        domain: String,
        mine: Consensus,
        theirs: Consensus,
    },
}

/// Which copy of a conflicting record to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Mine,
    Theirs,
}

/// What a base keeps: a collaboration's rounds with their plans and agreed views, and no
/// responses (a response never conflicts: the merge keeps its latest sent version).
pub fn sync_base(file: &Workspace) -> Workspace {
    Workspace {
        collaborations: file.collaborations.clone(),
        ..Workspace::default()
    }
}

/// The conflicts between this browser's copy (`mine`) and the file's (`theirs`) for one
/// collaboration, given the copy both last agreed on (`base`), in round then record order.
pub fn conflicts(
    base: Option<&Workspace>,
    mine: &Workspace,
    theirs: &Workspace,
    collaboration: &str,
) -> Vec<Conflict> {
    let mut found = Vec::new();
    let (Some(m), Some(t)) = (
        mine.collaboration(collaboration),
        theirs.collaboration(collaboration),
    ) else {
        return found;
    };
    let base_round = |id: &str| {
        base.and_then(|b| b.collaboration(collaboration))
            .and_then(|c| c.rounds.iter().find(|r| r.id == id))
    };
    // Both sides moved away from the base, to different places.
    fn both_changed<T: PartialEq>(base: Option<&T>, mine: &T, theirs: &T) -> bool {
        mine != theirs && base.is_none_or(|b| b != mine && b != theirs)
    }
    for mr in &m.rounds {
        let Some(tr) = t.rounds.iter().find(|r| r.id == mr.id) else {
            continue;
        };
        let br = base_round(&mr.id);
        for mi in &mr.plan {
            let Some(ti) = tr.plan.iter().find(|i| i.id == mi.id) else {
                continue;
            };
            let bi = br.and_then(|r| r.plan.iter().find(|i| i.id == mi.id));
            if both_changed(bi, mi, ti) {
                found.push(Conflict::Plan {
                    round: mr.id.clone(),
                    mine: mi.clone(),
                    theirs: ti.clone(),
                });
            }
        }
        for (domain, mc) in &mr.consensus {
            let Some(tc) = tr.consensus.get(domain) else {
                continue;
            };
            let bc = br.and_then(|r| r.consensus.get(domain));
            if both_changed(bc, mc, tc) {
                found.push(Conflict::Consensus {
                    round: mr.id.clone(),
                    domain: domain.clone(),
                    mine: mc.clone(),
                    theirs: tc.clone(),
                });
            }
        }
    }
    found
}

/// Puts the chosen copy of each conflicting record on both sides, so the merge that
/// follows finds them equal. The chosen copy is stamped a millisecond after the later of
/// the two, so a third copy that still holds the side not chosen takes the choice at its
/// next merge instead of keeping its own, later, version. A conflict without a choice
/// (fewer `choices` than conflicts) is left for the merge to settle.
pub fn settle(mine: &mut Workspace, theirs: &mut Workspace, conflicts: &[Conflict], choices: &[Side]) {
    for (conflict, side) in conflicts.iter().zip(choices) {
        let mine_chosen = *side == Side::Mine;
        match conflict {
            Conflict::Plan {
                round,
                mine: m,
                theirs: t,
            } => {
                let mut chosen = if mine_chosen { m } else { t }.clone();
                chosen.updated = Timestamp(m.updated.0.max(t.updated.0) + 1);
                for ws in [&mut *mine, &mut *theirs] {
                    if let Some(item) =
                        round_mut(ws, round).and_then(|r| r.plan.iter_mut().find(|i| i.id == chosen.id))
                    {
                        *item = chosen.clone();
                    }
                }
            }
            Conflict::Consensus {
                round,
                domain,
                mine: m,
                theirs: t,
            } => {
                let mut chosen = if mine_chosen { m } else { t }.clone();
                chosen.recorded = Timestamp(m.recorded.0.max(t.recorded.0) + 1);
                for ws in [&mut *mine, &mut *theirs] {
                    if let Some(r) = round_mut(ws, round) {
                        r.consensus.insert(domain.clone(), chosen.clone());
                    }
                }
            }
        }
    }
}

fn round_mut<'a>(ws: &'a mut Workspace, id: &str) -> Option<&'a mut Round> {
    ws.collaborations
        .iter_mut()
        .flat_map(|c| c.rounds.iter_mut())
        .find(|r| r.id == id)
}
