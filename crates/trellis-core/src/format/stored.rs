//! How responses are kept in storage from schema 3: one compact table instead of one
//! JSON object per response.
//!
//! A 50-round workspace holds thousands of responses, and in schema 2 each repeated
//! every statement id beside its answer (about 2,600 characters a response). Schema 3
//! names the statements and domains once and gives each response one row:
//!
//! ```json
//! "responses": {
//!   "statements": ["leadership.visible", "trust.who-is-who"],
//!   "domains": ["leadership", "trust"],
//!   "rows": [["id", "round", "partner", "manager", "4d", "3-", "1", "2", "3", "trust.a", "A comment"]]
//! }
//! ```
//!
//! A row is a list of text: `[id, round_id, organisation, role, answers, levels, started,
//! updated, submitted]`, then any comments as statement id and text in turn. Times are
//! milliseconds written as whole numbers; `submitted` is empty until sent. (A list of
//! text rather than mixed values keeps the reader that every page carries small.)
//! `answers` has one character per entry of `statements`: `1`-`9`
//! for those points of the scale, `d` don't know, `n` not applicable, `-` not answered,
//! and for any other point (0 or above 9) the character at code point 0x100 + value, so
//! every value round-trips. `levels` has one character per entry of `domains`: `0`-`9`,
//! `-` for none, and 0x100 + value above 9. These are [`super::chars::stored`], which
//! also says how they differ from the characters of a response code.
//! Schemas 1 and 2 kept a plain array of response objects: see [`super::legacy`].

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::chars::read_values;
use super::chars::stored::{answer_char, char_answer, char_level, level_char};
use super::workspace::{Response, RoleCategory, Timestamp};

/// Fields of a row before its comments.
const FIXED: usize = 9;

type Row<'a> = Vec<Cow<'a, str>>;

/// The statement and domain ids every row's answer and level characters follow.
pub(crate) struct Columns<'a> {
    statements: Vec<&'a str>,
    domains: Vec<&'a str>,
}

impl<'a> Columns<'a> {
    /// Every statement and domain any of the responses answered, in id order.
    pub(crate) fn of(responses: &'a [Response]) -> Columns<'a> {
        let mut statements = BTreeSet::new();
        let mut domains = BTreeSet::new();
        for r in responses {
            statements.extend(r.answers.keys().map(String::as_str));
            domains.extend(r.levels.keys().map(String::as_str));
        }
        Columns {
            statements: statements.into_iter().collect(),
            domains: domains.into_iter().collect(),
        }
    }

    fn row(&self, r: &'a Response) -> Row<'a> {
        let answers = self
            .statements
            .iter()
            .map(|s| answer_char(r.answers.get(*s)))
            .collect();
        let levels = self
            .domains
            .iter()
            .map(|d| level_char(r.levels.get(*d).copied()))
            .collect();
        let mut row: Row<'a> = vec![
            Cow::Borrowed(r.id.as_str()),
            Cow::Borrowed(r.round_id.as_str()),
            Cow::Borrowed(r.organisation.as_str()),
            Cow::Borrowed(r.role.id()),
            Cow::Owned(answers),
            Cow::Owned(levels),
            Cow::Owned(r.started.0.to_string()),
            Cow::Owned(r.updated.0.to_string()),
            Cow::Owned(r.submitted.map_or_else(String::new, |t| t.0.to_string())),
        ];
        for (statement, text) in &r.comments {
            row.push(Cow::Borrowed(statement.as_str()));
            row.push(Cow::Borrowed(text.as_str()));
        }
        row
    }

    /// Characters one response takes in the stored table (its row and a separator).
    pub(crate) fn row_len(&self, r: &'a Response) -> usize {
        serde_json::to_string(&self.row(r)).map_or(0, |t| t.len() + 1)
    }
}

/// Serializes the responses as the schema 3 table.
pub fn serialize<S: Serializer>(responses: &[Response], serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Table<'a> {
        statements: &'a [&'a str],
        domains: &'a [&'a str],
        rows: Vec<Row<'a>>,
    }
    let columns = Columns::of(responses);
    Table {
        statements: &columns.statements,
        domains: &columns.domains,
        rows: responses.iter().map(|r| columns.row(r)).collect(),
    }
    .serialize(serializer)
}

/// Reads the schema 3 table. (The list of schemas 1 and 2 is read by [`super::legacy`],
/// which only the pages that migrate old data carry.)
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Response>, D::Error> {
    deserializer.deserialize_any(ResponsesVisitor)
}

struct ResponsesVisitor;

impl<'de> Visitor<'de> for ResponsesVisitor {
    type Value = Vec<Response>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table of responses")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<Response>, A::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct TableIn {
            statements: Vec<String>,
            domains: Vec<String>,
            rows: Vec<Vec<String>>,
        }
        let table = TableIn::deserialize(de::value::MapAccessDeserializer::new(map))?;
        table
            .rows
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                read_row(&table.statements, &table.domains, row)
                    .map_err(|m| de::Error::custom(format!("response {} of the table: {m}", i + 1)))
            })
            .collect()
    }
}

fn read_row(statements: &[String], domains: &[String], row: Vec<String>) -> Result<Response, String> {
    if row.len() < FIXED || !(row.len() - FIXED).is_multiple_of(2) {
        return Err(format!(
            "it has {} fields ({FIXED}, then pairs of statement and comment, were expected)",
            row.len()
        ));
    }
    let mut fields = row.into_iter();
    let mut next = || fields.next().unwrap_or_default();
    let (id, round_id, organisation, role) = (next(), next(), next(), next());
    let (answer_chars, level_chars) = (next(), next());
    let time = |text: String, what: &str| -> Result<Timestamp, String> {
        text.parse()
            .map(Timestamp)
            .map_err(|_| format!("its {what} time \"{text}\" is not a whole number"))
    };
    let started = time(next(), "start")?;
    let updated = time(next(), "last change")?;
    let submitted = match next() {
        sent if sent.is_empty() => None,
        sent => Some(time(sent, "sending")?),
    };
    let role = RoleCategory::from_id(&role).ok_or_else(|| format!("\"{role}\" is not a role"))?;
    let count = |text: &str| text.chars().count();
    if count(&answer_chars) != statements.len() {
        return Err(format!(
            "it has {} answer characters for {} statements",
            count(&answer_chars),
            statements.len()
        ));
    }
    if count(&level_chars) != domains.len() {
        return Err(format!(
            "it has {} level characters for {} domains",
            count(&level_chars),
            domains.len()
        ));
    }
    let answers = read_values(statements.iter().map(String::as_str), &answer_chars, char_answer)
        .map_err(|(c, statement)| format!("\"{c}\" is not an answer (for {statement})"))?;
    let levels = read_values(domains.iter().map(String::as_str), &level_chars, char_level)
        .map_err(|(c, domain)| format!("\"{c}\" is not a level (for {domain})"))?;
    let mut comments = BTreeMap::new();
    while let (Some(statement), Some(text)) = (fields.next(), fields.next()) {
        comments.insert(statement, text);
    }
    Ok(Response {
        id,
        round_id,
        organisation,
        role,
        answers,
        levels,
        comments,
        started,
        updated,
        submitted,
    })
}
