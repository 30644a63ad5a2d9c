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
//!
//! The base alone misses one case: two writes that cross. Facilitator A writes a new
//! version of an action; B, whose copy of the file (synchronised by OneDrive, say) does
//! not have A's yet, writes B's version over it. A's base is A's version, A's copy has
//! not changed since, and the file has B's: it looks as if only B changed it, and A's
//! version would be lost without a word. So a shared file carries a *lineage* for each
//! record its writers changed ([`with_lineage`]): the versions the writer had seen. A
//! record in the file whose lineage does not include the version this browser last
//! synchronised was written without seeing it, and is a conflict too.

use std::collections::BTreeMap;

use crate::format::{Consensus, PlanItem, Round, Timestamp, Workspace};

/// How many earlier versions a record's lineage keeps: a co-facilitator who missed more
/// than this many synchronised versions of one record is asked about it.
pub const LINEAGE_KEPT: usize = 32;

fn plan_key(round: &str, id: &str) -> String {
    format!("plan/{round}/{id}")
}

fn consensus_key(round: &str, domain: &str) -> String {
    format!("consensus/{round}/{domain}")
}

/// Sets the lineage of `copy` (this browser's collaboration, about to be written over
/// `file`, the shared file as last read): a record the file holds as it is keeps the
/// file's lineage; a record this copy holds differently was made having seen the file's
/// version, which leads its lineage; a record the file lacks has none.
pub fn with_lineage(copy: &mut Workspace, file: Option<&Workspace>, collaboration: &str) {
    let mut lineage = BTreeMap::new();
    let found = file.and_then(|file| {
        Some((
            copy.collaboration(collaboration)?,
            file.collaboration(collaboration)?,
            file,
        ))
    });
    let Some((c, f, file)) = found else {
        copy.lineage = lineage;
        return;
    };
    let mut record = |key: String, same: bool, seen: Timestamp| {
        let before = file.lineage.get(&key).cloned().unwrap_or_default();
        let chain = if same {
            before
        } else {
            std::iter::once(seen).chain(before).take(LINEAGE_KEPT).collect()
        };
        if !chain.is_empty() {
            lineage.insert(key, chain);
        }
    };
    for r in &c.rounds {
        let Some(fr) = f.rounds.iter().find(|x| x.id == r.id) else {
            continue;
        };
        for i in &r.plan {
            if let Some(fi) = fr.plan.iter().find(|x| x.id == i.id) {
                record(plan_key(&r.id, &i.id), fi == i, fi.updated);
            }
        }
        for (domain, a) in &r.consensus {
            if let Some(fa) = fr.consensus.get(domain) {
                record(consensus_key(&r.id, domain), fa == a, fa.recorded);
            }
        }
    }
    copy.lineage = lineage;
}

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

/// What a base keeps: a collaboration's rounds with their plans and agreed views, and
/// their lineage (a file saved by hand takes its lineage from the base), and no
/// responses (a response never conflicts: the merge keeps its latest sent version).
pub fn sync_base(file: &Workspace) -> Workspace {
    Workspace {
        collaborations: file.collaborations.clone(),
        lineage: file.lineage.clone(),
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
    // Both sides moved away from the base, to different places; or this side kept the
    // base version and the file's was written without seeing it (its lineage, when it
    // has one, lacks the base version's time stamp).
    fn both_changed<T: PartialEq>(
        base: Option<(&T, Timestamp)>,
        mine: &T,
        theirs: (&T, Timestamp),
        lineage: Option<&Vec<Timestamp>>,
    ) -> bool {
        if mine == theirs.0 {
            return false;
        }
        match base {
            None => true,
            Some((b, _)) if b != mine && b != theirs.0 => true,
            Some((b, stamp)) => {
                b == mine && stamp != theirs.1 && lineage.is_some_and(|l| !l.contains(&stamp))
            }
        }
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
            let bi = br
                .and_then(|r| r.plan.iter().find(|i| i.id == mi.id))
                .map(|b| (b, b.updated));
            let lineage = theirs.lineage.get(&plan_key(&mr.id, &mi.id));
            if both_changed(bi, mi, (ti, ti.updated), lineage) {
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
            let bc = br.and_then(|r| r.consensus.get(domain)).map(|b| (b, b.recorded));
            let lineage = theirs.lineage.get(&consensus_key(&mr.id, domain));
            if both_changed(bc, mc, (tc, tc.recorded), lineage) {
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
