//! Internal consistency of each domain's statements on the round's data: Cronbach's alpha
//! and corrected item-total correlations, once enough responses are complete.

use super::answers::Answers;
use super::{reaches, LOW_ALPHA, LOW_ITEM_TOTAL, RELIABILITY_MIN};
use crate::format::Answer;
use crate::stats;

/// Internal consistency of a domain's statements on this round's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Reliability {
    pub domain: String,
    /// Responses that answered every statement of the domain on the scale.
    pub complete: usize,
    pub alpha: Option<f64>,
    /// (statement, corrected item-total correlation)
    pub item_total: Vec<(String, Option<f64>)>,
    pub low_alpha: bool,
    pub low_items: Vec<String>,
}

/// The internal consistency of every domain with at least two statements, on the
/// responses that answered all of its statements on the scale.
pub(super) fn reliability(answers: &Answers) -> Vec<Reliability> {
    answers
        .asked
        .iter()
        .enumerate()
        .filter(|(_, statements)| statements.len() >= 2)
        .map(|(di, statements)| {
            let domain = statements[0].domain.clone();
            let columns = answers.domain_columns(di);
            let rows: Vec<Vec<f64>> = answers
                .rows
                .iter()
                .filter_map(|row| {
                    row[columns.clone()]
                        .iter()
                        .map(|a| match a {
                            Some(Answer::Scale(v)) => Some(f64::from(*v)),
                            _ => None,
                        })
                        .collect::<Option<Vec<f64>>>()
                })
                .collect();
            if rows.len() < RELIABILITY_MIN {
                return Reliability {
                    domain,
                    complete: rows.len(),
                    alpha: None,
                    item_total: Vec::new(),
                    low_alpha: false,
                    low_items: Vec::new(),
                };
            }
            let alpha = stats::cronbach_alpha(&rows);
            let item_total: Vec<(String, Option<f64>)> = statements
                .iter()
                .map(|s| s.id.clone())
                .zip(stats::item_total_correlations(&rows))
                .collect();
            let low_items = item_total
                .iter()
                .filter(|(_, r)| r.is_some_and(|r| !reaches(r, LOW_ITEM_TOTAL)))
                .map(|(s, _)| s.clone())
                .collect();
            Reliability {
                domain,
                complete: rows.len(),
                low_alpha: alpha.is_some_and(|a| !reaches(a, LOW_ALPHA)),
                alpha,
                item_total,
                low_items,
            }
        })
        .collect()
}
