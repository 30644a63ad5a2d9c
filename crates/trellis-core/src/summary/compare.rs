//! Many collaborations side by side, from their summary files: each domain's spread
//! across collaborations (each at its latest round), where one chosen collaboration
//! sits, and each collaboration's change from its first round to its latest.
//!
//! Means are compared between rounds only where both used the same questionnaire
//! version and mode, which ask the same statements (docs/scoring.md, rule 16); levels
//! compare across versions.

use std::collections::BTreeMap;

use super::{SummaryDomain, SummaryFile};
use crate::analysis::EDGE;
use crate::stats::{describe, Describe};

/// A file left out because another holds the same round of the same collaboration.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The file left out.
    pub file: String,
    /// The file used instead.
    pub kept: String,
}

/// Keeps one file per collaboration and round: of files with the same key and round,
/// the one counting the most people (a later export of the same round), else the first.
pub fn gather(files: Vec<SummaryFile>) -> (Vec<SummaryFile>, Vec<Duplicate>) {
    let mut kept: Vec<SummaryFile> = Vec::new();
    let mut duplicates = Vec::new();
    for file in files {
        match kept
            .iter_mut()
            .find(|k| k.key == file.key && k.round == file.round)
        {
            Some(k) if file.people > k.people => {
                let old = std::mem::replace(k, file);
                duplicates.push(Duplicate {
                    file: old.name,
                    kept: k.name.clone(),
                });
            }
            Some(k) => duplicates.push(Duplicate {
                file: file.name,
                kept: k.name.clone(),
            }),
            None => kept.push(file),
        }
    }
    (kept, duplicates)
}

/// The lowest, quartiles, median and highest of some values (quartiles by linear
/// interpolation, as numpy's and R's default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FiveNumbers {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

impl From<Describe> for FiveNumbers {
    fn from(d: Describe) -> Self {
        FiveNumbers {
            min: d.min,
            q1: d.q1,
            median: d.median,
            q3: d.q3,
            max: d.max,
        }
    }
}

/// Where a value sits among the collaborations' values, in quarters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// Below the lower quartile.
    LowestQuarter,
    /// From the lower quartile to below the median.
    BelowMiddle,
    /// At the median.
    Middle,
    /// Above the median, up to the upper quartile.
    AboveMiddle,
    /// Above the upper quartile.
    HighestQuarter,
}

impl Band {
    fn of(value: f64, spread: &FiveNumbers) -> Band {
        if value < spread.q1 - EDGE {
            Band::LowestQuarter
        } else if value > spread.q3 + EDGE {
            Band::HighestQuarter
        } else if (value - spread.median).abs() <= EDGE {
            Band::Middle
        } else if value < spread.median {
            Band::BelowMiddle
        } else {
            Band::AboveMiddle
        }
    }
}

/// Where the chosen collaboration sits for one domain.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub mean: Option<f64>,
    pub level: Option<u8>,
    /// Where its mean sits; `None` without a mean.
    pub band: Option<Band>,
    /// Other collaborations whose mean is higher, and lower (those equal are neither).
    pub higher: usize,
    pub lower: usize,
}

/// One domain across collaborations, each at its latest round.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainSpread {
    pub id: String,
    pub title: String,
    /// Collaborations with a mean for the domain at their latest round.
    pub collaborations: usize,
    /// Collaborations whose latest round has the domain but no mean (too few people).
    pub withheld: usize,
    pub means: Option<FiveNumbers>,
    pub levels: Option<FiveNumbers>,
    /// Each collaboration's mean, lowest first, for drawing.
    pub values: Vec<f64>,
    pub highlight: Option<Standing>,
    /// Collaborations with two rounds or more whose level rose, stayed and fell from
    /// their first round to their latest (where both rounds have a level).
    pub rose: usize,
    pub stayed: usize,
    pub fell: usize,
}

/// A collaboration in the files.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    /// The label of its latest round's file.
    pub label: String,
    /// The round numbers found, in order.
    pub rounds: Vec<u32>,
}

/// One domain's change for one collaboration from its first round to its latest.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainMove {
    pub id: String,
    pub first_level: Option<u8>,
    pub latest_level: Option<u8>,
    pub first_mean: Option<f64>,
    pub latest_mean: Option<f64>,
    /// The rounds used another questionnaire version or mode: the means do not compare.
    pub questions_changed: bool,
}

/// A collaboration's change from its first round to its latest.
#[derive(Debug, Clone, PartialEq)]
pub struct CollaborationChange {
    pub key: String,
    pub label: String,
    pub first_round: u32,
    pub latest_round: u32,
    /// The questionnaire versions (first, latest) when they differ.
    pub versions: Option<(String, String)>,
    pub domains: Vec<DomainMove>,
}

/// Many collaborations side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// By label, then key.
    pub collaborations: Vec<Member>,
    /// In the order the files list them.
    pub domains: Vec<DomainSpread>,
    /// Collaborations with two rounds or more, by label.
    pub changes: Vec<CollaborationChange>,
    /// The questionnaire versions of the latest rounds, when more than one.
    pub versions: Vec<String>,
}

fn same_questions(a: &SummaryFile, b: &SummaryFile) -> bool {
    a.instrument == b.instrument && a.instrument_version == b.instrument_version && a.mode == b.mode
}

/// Sets `files` (one per collaboration and round: see [`gather`]) side by side;
/// `highlight` is the key of the collaboration to place among the others.
pub fn compare_collaborations(files: &[SummaryFile], highlight: Option<&str>) -> Overview {
    // Each collaboration's rounds, in order.
    let mut by_key: BTreeMap<&str, Vec<&SummaryFile>> = BTreeMap::new();
    for f in files {
        by_key.entry(f.key.as_str()).or_default().push(f);
    }
    for rounds in by_key.values_mut() {
        rounds.sort_by(|a, b| a.round.cmp(&b.round).then_with(|| a.date.cmp(&b.date)));
    }
    let mut collaborations: Vec<Member> = by_key
        .iter()
        .filter_map(|(key, rounds)| {
            Some(Member {
                key: key.to_string(),
                label: rounds.last()?.label.clone(),
                rounds: rounds.iter().map(|f| f.round).collect(),
            })
        })
        .collect();
    collaborations.sort_by(|a, b| a.label.cmp(&b.label).then_with(|| a.key.cmp(&b.key)));

    let mut changes: Vec<CollaborationChange> = by_key
        .iter()
        .filter(|(_, rounds)| rounds.len() > 1)
        .filter_map(|(key, rounds)| {
            let (first, last) = (rounds.first()?, rounds.last()?);
            let comparable = same_questions(first, last);
            let domains = last
                .domains
                .iter()
                .map(|l| {
                    let f = first.domain(&l.id);
                    DomainMove {
                        id: l.id.clone(),
                        first_level: f.and_then(|d| d.level),
                        latest_level: l.level,
                        first_mean: f.and_then(|d| d.mean),
                        latest_mean: l.mean,
                        questions_changed: !comparable,
                    }
                })
                .collect();
            Some(CollaborationChange {
                key: key.to_string(),
                label: last.label.clone(),
                first_round: first.round,
                latest_round: last.round,
                versions: (first.instrument_version != last.instrument_version)
                    .then(|| (first.instrument_version.clone(), last.instrument_version.clone())),
                domains,
            })
        })
        .collect();
    changes.sort_by(|a, b| a.label.cmp(&b.label).then_with(|| a.key.cmp(&b.key)));

    // The domains in the order files list them, titled by the latest file that has them.
    let mut order: Vec<(String, String)> = Vec::new();
    for rounds in by_key.values() {
        for d in rounds.iter().flat_map(|f| f.domains.iter()) {
            match order.iter_mut().find(|(id, _)| *id == d.id) {
                Some(entry) => entry.1 = d.title.clone(),
                None => order.push((d.id.clone(), d.title.clone())),
            }
        }
    }
    let latest_rounds: Vec<(&str, &SummaryFile)> = by_key
        .iter()
        .filter_map(|(key, rounds)| Some((*key, *rounds.last()?)))
        .collect();
    let domains = order
        .into_iter()
        .map(|(id, title)| {
            let of = |f: &SummaryFile| f.domain(&id).cloned();
            let present: Vec<(&str, SummaryDomain)> = latest_rounds
                .iter()
                .filter_map(|(k, f)| Some((*k, of(f)?)))
                .collect();
            let mut values: Vec<f64> = present.iter().filter_map(|(_, d)| d.mean).collect();
            values.sort_by(f64::total_cmp);
            let levels: Vec<f64> = present
                .iter()
                .filter_map(|(_, d)| d.level.map(f64::from))
                .collect();
            let means = describe(&values).map(FiveNumbers::from);
            let highlight = highlight
                .and_then(|h| present.iter().find(|(k, _)| *k == h))
                .map(|(_, d)| {
                    let (higher, lower) = d.mean.map_or((0, 0), |m| {
                        let higher = values.iter().filter(|v| **v > m + EDGE).count();
                        let lower = values.iter().filter(|v| **v < m - EDGE).count();
                        (higher, lower)
                    });
                    Standing {
                        mean: d.mean,
                        level: d.level,
                        band: d.mean.zip(means.as_ref()).map(|(m, s)| Band::of(m, s)),
                        higher,
                        lower,
                    }
                });
            let moves = changes
                .iter()
                .filter_map(|c| c.domains.iter().find(|m| m.id == id))
                .filter_map(|m| Some((m.first_level?, m.latest_level?)));
            let (mut rose, mut stayed, mut fell) = (0, 0, 0);
            for (first, last) in moves {
                match last.cmp(&first) {
                    std::cmp::Ordering::Greater => rose += 1,
                    std::cmp::Ordering::Equal => stayed += 1,
                    std::cmp::Ordering::Less => fell += 1,
                }
            }
            DomainSpread {
                id,
                title,
                collaborations: values.len(),
                withheld: present.iter().filter(|(_, d)| d.mean.is_none()).count(),
                means,
                levels: describe(&levels).map(FiveNumbers::from),
                values,
                highlight,
                rose,
                stayed,
                fell,
            }
        })
        .collect();
    let mut versions: Vec<String> = latest_rounds
        .iter()
        .map(|(_, f)| format!("{} {}", f.instrument, f.instrument_version))
        .collect();
    versions.sort();
    versions.dedup();
    if versions.len() < 2 {
        versions.clear();
    }
    Overview {
        collaborations,
        domains,
        changes,
        versions,
    }
}
