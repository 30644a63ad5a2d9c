//! The first steps of the analysis: every answer of the round looked up once, how answers
//! spread over the scale, and each respondent's domain scores.

use std::ops::Range;

use super::RoundInput;
use crate::format::{Answer, StatementFile};
use crate::scoring::has_enough_answers;

/// How the answers to one statement, or one domain pooled, are spread over the scale.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Distribution {
    /// Count per scale point, index 0 = point 1.
    pub points: Vec<usize>,
    pub dont_know: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
}

impl Distribution {
    fn new(points: u8) -> Self {
        Distribution {
            points: vec![0; usize::from(points)],
            ..Default::default()
        }
    }

    fn add(&mut self, answer: Option<&Answer>) {
        match answer {
            Some(Answer::Scale(v)) if usize::from(*v) >= 1 && usize::from(*v) <= self.points.len() => {
                self.points[usize::from(*v) - 1] += 1
            }
            Some(Answer::DontKnow) => self.dont_know += 1,
            Some(Answer::NotApplicable) => self.not_applicable += 1,
            _ => self.unanswered += 1,
        }
    }

    /// Answers on the scale.
    pub fn answered(&self) -> usize {
        self.points.iter().sum()
    }

    /// Every answer slot: scale, don't know, not applicable and unanswered.
    pub fn total(&self) -> usize {
        self.answered() + self.dont_know + self.not_applicable + self.unanswered
    }
}

/// Every answer of the round: one row per response, one column per statement of the
/// mode, the columns grouped by domain in the mode's domain order. An answer off the
/// scale is kept as unanswered, as the scoring rules count it.
pub(super) struct Answers<'a> {
    /// The statements of each domain of the mode, in order.
    pub(super) asked: Vec<Vec<&'a StatementFile>>,
    /// Where each domain's columns start in a row.
    starts: Vec<usize>,
    pub(super) rows: Vec<Vec<Option<Answer>>>,
    /// Points on the instrument's scale.
    pub(super) points: u8,
}

impl<'a> Answers<'a> {
    /// Looks up every answer of the round's responses.
    pub(super) fn collect(input: &RoundInput<'a>) -> Answers<'a> {
        let (instrument, mode) = (input.instrument, input.mode);
        let points = instrument.scale_max();
        let asked: Vec<Vec<&StatementFile>> = instrument
            .domains_in_mode(mode)
            .map(|d| instrument.statements_in(mode, &d.id).collect())
            .collect();
        let rows = input
            .responses
            .iter()
            .map(|r| {
                asked
                    .iter()
                    .flatten()
                    .map(|s| match r.answers.get(&s.id) {
                        Some(Answer::Scale(v)) if !(1..=points).contains(v) => None,
                        other => other.copied(),
                    })
                    .collect()
            })
            .collect();
        let starts = asked
            .iter()
            .scan(0, |start, d| {
                let here = *start;
                *start += d.len();
                Some(here)
            })
            .collect();
        Answers {
            asked,
            starts,
            rows,
            points,
        }
    }

    /// The columns of domain `di`.
    pub(super) fn domain_columns(&self, di: usize) -> Range<usize> {
        self.starts[di]..self.starts[di] + self.asked[di].len()
    }

    /// The column of statement `si` of domain `di`.
    pub(super) fn column(&self, di: usize, si: usize) -> usize {
        self.starts[di] + si
    }

    /// The answers on the scale in one column, in response order.
    pub(super) fn scale_values(&self, column: usize) -> Vec<f64> {
        self.scale_values_of(column, self.rows.iter())
    }

    /// The answers on the scale in one column of some rows, in their order.
    pub(super) fn scale_values_of<'r>(
        &self,
        column: usize,
        rows: impl Iterator<Item = &'r Vec<Option<Answer>>>,
    ) -> Vec<f64> {
        rows.filter_map(|row| match row[column] {
            Some(Answer::Scale(v)) => Some(f64::from(v)),
            _ => None,
        })
        .collect()
    }

    /// How every answer in `columns` (one statement, or a whole domain pooled) spreads
    /// over the scale.
    pub(super) fn distribution(&self, columns: Range<usize>) -> Distribution {
        let mut distribution = Distribution::new(self.points);
        for row in &self.rows {
            for answer in &row[columns.clone()] {
                distribution.add(answer.as_ref());
            }
        }
        distribution
    }

    /// Each respondent's domain scores, by the rules of `scoring::response_scores`: one
    /// row per response, one entry per domain, `None` without enough answers.
    pub(super) fn respondent_scores(&self) -> Vec<Vec<Option<f64>>> {
        self.rows
            .iter()
            .map(|row| {
                (0..self.asked.len())
                    .map(|di| {
                        let columns = self.domain_columns(di);
                        let asked = columns.len();
                        let scale: Vec<u8> = row[columns]
                            .iter()
                            .filter_map(|a| match a {
                                Some(Answer::Scale(v)) => Some(*v),
                                _ => None,
                            })
                            .collect();
                        has_enough_answers(scale.len(), asked)
                            .then(|| scale.iter().map(|v| f64::from(*v)).sum::<f64>() / scale.len() as f64)
                    })
                    .collect()
            })
            .collect()
    }
}
