//! The partner map: how the respondents from each partner see their organisation's ties
//! with each other partner, now and as they should be, with small groups protected, and
//! the concerns it raises (pairs seen differently, pairs far from where they want to be,
//! partners with few strong ties).

use super::{reaches, FAR_FROM_WANTED, FEW_TIES_SHARE, SEE_DIFFERENTLY, STRONG_TIE};
use crate::format::{Partner, Response};
use crate::sort::sort_by;
use crate::stats;

/// The median and mean of one side of a tie (now or wanted) over the raters who gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct TieFigure {
    pub n: usize,
    pub median: f64,
    pub mean: f64,
}

/// What the respondents from one partner say of their tie with another.
#[derive(Debug, Clone, PartialEq)]
pub enum CellView {
    /// Nobody from the first partner rated the second.
    NotRated,
    /// Fewer than the minimum group rated it: nothing is shown, not even how many.
    Suppressed,
    /// At least the minimum group rated it.
    Shown(PairFigures),
}

/// A shown cell of the matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct PairFigures {
    /// Respondents from the first partner who rated the tie (now, wanted or both).
    pub raters: usize,
    /// `None` when fewer than the minimum group rated how the two work together now.
    pub now: Option<TieFigure>,
    /// `None` when fewer than the minimum group rated how they should work together.
    pub wanted: Option<TieFigure>,
}

/// One cell of the directed matrix: the tie from `from` to `to` as `from`'s people see it.
#[derive(Debug, Clone, PartialEq)]
pub struct PairCell {
    pub from: String,
    pub to: String,
    pub view: CellView,
}

impl PairCell {
    /// The figures, when the cell is shown.
    pub fn figures(&self) -> Option<&PairFigures> {
        match &self.view {
            CellView::Shown(f) => Some(f),
            CellView::NotRated | CellView::Suppressed => None,
        }
    }

    /// The median of `now`, when shown.
    fn now(&self) -> Option<f64> {
        self.figures()?.now.as_ref().map(|f| f.median)
    }
}

/// Two partners whose people see the tie between them differently: `a` (earlier in the
/// collaboration's order) says `a_now`, `b` says `b_now` (medians of now).
#[derive(Debug, Clone, PartialEq)]
pub struct SeenDifferently {
    pub a: String,
    pub b: String,
    pub a_now: f64,
    pub b_now: f64,
}

impl SeenDifferently {
    /// Steps between the two sides' views.
    pub fn difference(&self) -> f64 {
        (self.a_now - self.b_now).abs()
    }
}

/// A tie far from where `from`'s people want it (medians of now and wanted).
#[derive(Debug, Clone, PartialEq)]
pub struct FarFromWanted {
    pub from: String,
    pub to: String,
    pub now: f64,
    pub wanted: f64,
}

impl FarFromWanted {
    /// Steps still to go.
    pub fn gap(&self) -> f64 {
        self.wanted - self.now
    }
}

/// A partner with strong ties to fewer than half of the other partners.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FewStrongTies {
    pub partner: String,
    /// Other partners it has a strong tie with (either side's view).
    pub strong: usize,
    /// Other partners in the collaboration.
    pub others: usize,
}

/// The partner map of a round (docs/scoring.md, "Partner map").
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerMap {
    /// The collaboration's partner ids, in its order: the rows and columns.
    pub partners: Vec<String>,
    /// Every ordered pair of different partners, row by row in partner order.
    pub cells: Vec<PairCell>,
    /// Largest difference first, then in partner order.
    pub seen_differently: Vec<SeenDifferently>,
    /// Largest gap first, then in partner order.
    pub far_from_wanted: Vec<FarFromWanted>,
    /// In partner order.
    pub few_strong_ties: Vec<FewStrongTies>,
}

impl PartnerMap {
    /// The cell from `from` to `to`; `None` for a partner with itself or one not here.
    pub fn cell(&self, from: &str, to: &str) -> Option<&PairCell> {
        self.cells.iter().find(|c| c.from == from && c.to == to)
    }

    /// Whether any of the three concerns is there (the agenda then has an item for it).
    pub fn has_concerns(&self) -> bool {
        !self.seen_differently.is_empty()
            || !self.far_from_wanted.is_empty()
            || !self.few_strong_ties.is_empty()
    }
}

/// The partner map of the responses over `partners`, each cell shown only when at least
/// `min_group` people from its first partner rated the tie.
pub(super) fn partner_map(responses: &[&Response], partners: &[Partner], min_group: usize) -> PartnerMap {
    let ids: Vec<String> = partners.iter().map(|p| p.id.clone()).collect();
    let mut cells = Vec::new();
    for from in &ids {
        for to in ids.iter().filter(|to| *to != from) {
            let ties = responses
                .iter()
                .filter(|r| r.organisation == *from)
                .filter_map(|r| r.ties.get(to));
            let (mut now, mut wanted, mut raters) = (Vec::new(), Vec::new(), 0);
            for tie in ties.filter(|t| !t.is_empty()) {
                raters += 1;
                now.extend(tie.now.map(f64::from));
                wanted.extend(tie.wanted.map(f64::from));
            }
            let view = match raters {
                0 => CellView::NotRated,
                n if n < min_group => CellView::Suppressed,
                _ => CellView::Shown(PairFigures {
                    raters,
                    now: figure(&now, min_group),
                    wanted: figure(&wanted, min_group),
                }),
            };
            cells.push(PairCell {
                from: from.clone(),
                to: to.clone(),
                view,
            });
        }
    }
    let position = |id: &str| ids.iter().position(|p| p == id).unwrap_or(usize::MAX);
    let find = |from: &str, to: &str| cells.iter().find(|c| c.from == from && c.to == to);
    let mut seen_differently = Vec::new();
    for (k, a) in ids.iter().enumerate() {
        for b in &ids[k + 1..] {
            let (Some(a_now), Some(b_now)) = (
                find(a, b).and_then(PairCell::now),
                find(b, a).and_then(PairCell::now),
            ) else {
                continue;
            };
            if reaches((a_now - b_now).abs(), SEE_DIFFERENTLY) {
                seen_differently.push(SeenDifferently {
                    a: a.clone(),
                    b: b.clone(),
                    a_now,
                    b_now,
                });
            }
        }
    }
    sort_by(&mut seen_differently, |x, y| {
        y.difference()
            .total_cmp(&x.difference())
            .then((position(&x.a), position(&x.b)).cmp(&(position(&y.a), position(&y.b))))
    });
    let mut far_from_wanted: Vec<FarFromWanted> = cells
        .iter()
        .filter_map(|c| {
            let f = c.figures()?;
            let (now, wanted) = (f.now.as_ref()?.median, f.wanted.as_ref()?.median);
            reaches(wanted - now, FAR_FROM_WANTED).then(|| FarFromWanted {
                from: c.from.clone(),
                to: c.to.clone(),
                now,
                wanted,
            })
        })
        .collect();
    sort_by(&mut far_from_wanted, |x, y| {
        y.gap()
            .total_cmp(&x.gap())
            .then((position(&x.from), position(&x.to)).cmp(&(position(&y.from), position(&y.to))))
    });
    let few_strong_ties = few_strong_ties(&ids, &cells);
    PartnerMap {
        partners: ids,
        cells,
        seen_differently,
        far_from_wanted,
        few_strong_ties,
    }
}

/// The median and mean of `values`, when at least `min_group` people gave one.
fn figure(values: &[f64], min_group: usize) -> Option<TieFigure> {
    if values.len() < min_group {
        return None;
    }
    let d = stats::describe(values)?;
    Some(TieFigure {
        n: d.n,
        median: d.median,
        mean: d.mean,
    })
}

/// Partners with a strong tie (a shown `now` median of [`STRONG_TIE`] or more, by either
/// side) to fewer than [`FEW_TIES_SHARE`] of the other partners. Only partners with at
/// least one shown cell, as rater or rated, are judged: of the others nothing is known.
fn few_strong_ties(ids: &[String], cells: &[PairCell]) -> Vec<FewStrongTies> {
    let others = ids.len().saturating_sub(1);
    ids.iter()
        .filter(|p| {
            cells
                .iter()
                .any(|c| (c.from == **p || c.to == **p) && c.figures().is_some())
        })
        .filter_map(|p| {
            let strong = ids
                .iter()
                .filter(|q| *q != p)
                .filter(|q| {
                    cells.iter().any(|c| {
                        ((c.from == **p && c.to == **q) || (c.from == **q && c.to == **p))
                            && c.now().is_some_and(|m| reaches(m, STRONG_TIE))
                    })
                })
                .count();
            (!reaches(strong as f64, others as f64 * FEW_TIES_SHARE)).then(|| FewStrongTies {
                partner: p.clone(),
                strong,
                others,
            })
        })
        .collect()
}
