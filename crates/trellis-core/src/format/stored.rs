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
//!
//! Schema 5 adds the partner map's ties ([`super::workspace::Tie`]). When any response
//! has one, the table also names the partners rated (`"partners": ["p2", "p3"]`, after
//! `domains`) and every row has one more field after `submitted`: two characters per
//! entry of `partners`, how the two organisations work together now and how they should,
//! each written as a level (`-` for none). A table without `partners` has rows of the
//! schema 3 and 4 layout, so those read as they are and a workspace without ties takes
//! no more room than before.
//! Schemas 1 and 2 kept a plain array of response objects: see [`super::legacy`].

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::chars::read_values;
use super::chars::stored::{answer_char, char_answer, char_level, level_char};
use super::workspace::{Response, RoleCategory, Tie, Timestamp};

/// Fields of a row before its comments, in a table without ties (one more with them).
const FIXED: usize = 9;

type Row<'a> = Vec<Cow<'a, str>>;

/// The statement, domain and partner ids every row's answer, level and tie characters
/// follow.
pub(crate) struct Columns<'a> {
    statements: Vec<&'a str>,
    domains: Vec<&'a str>,
    /// Empty when no response has a tie: then rows have no ties field.
    partners: Vec<&'a str>,
}

impl<'a> Columns<'a> {
    /// Every statement, domain and partner any of the responses answered, in id order.
    pub(crate) fn of(responses: &'a [Response]) -> Columns<'a> {
        let mut statements = BTreeSet::new();
        let mut domains = BTreeSet::new();
        let mut partners = BTreeSet::new();
        for r in responses {
            statements.extend(r.answers.keys().map(String::as_str));
            domains.extend(r.levels.keys().map(String::as_str));
            partners.extend(r.ties.keys().map(String::as_str));
        }
        Columns {
            statements: statements.into_iter().collect(),
            domains: domains.into_iter().collect(),
            partners: partners.into_iter().collect(),
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
        if !self.partners.is_empty() {
            let tie = |p: &&str| r.ties.get(*p).copied().unwrap_or_default();
            let ties = self
                .partners
                .iter()
                .map(tie)
                .flat_map(|t| [level_char(t.now), level_char(t.wanted)])
                .collect();
            row.push(Cow::Owned(ties));
        }
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

/// Serializes the responses as the table (`partners` only when some response has ties).
pub fn serialize<S: Serializer>(responses: &[Response], serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Table<'a> {
        statements: &'a [&'a str],
        domains: &'a [&'a str],
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        partners: &'a [&'a str],
        rows: Vec<Row<'a>>,
    }
    let columns = Columns::of(responses);
    Table {
        statements: &columns.statements,
        domains: &columns.domains,
        partners: &columns.partners,
        rows: responses.iter().map(|r| columns.row(r)).collect(),
    }
    .serialize(serializer)
}

/// Reads the table of schemas 3 to 5. (The list of schemas 1 and 2 is read by
/// [`super::legacy`], which only the pages that migrate old data carry.)
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
            #[serde(default)]
            partners: Option<Vec<String>>,
            rows: Vec<Vec<String>>,
        }
        let table = TableIn::deserialize(de::value::MapAccessDeserializer::new(map))?;
        let columns = ColumnsIn {
            statements: &table.statements,
            domains: &table.domains,
            partners: table.partners.as_deref(),
        };
        table
            .rows
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                read_row(&columns, row)
                    .map_err(|m| de::Error::custom(format!("response {} of the table: {m}", i + 1)))
            })
            .collect()
    }
}

/// The ids a stored table names, which its rows' characters follow.
struct ColumnsIn<'a> {
    statements: &'a [String],
    domains: &'a [String],
    /// `Some` when the table names partners: its rows then hold ties.
    partners: Option<&'a [String]>,
}

fn read_row(columns: &ColumnsIn, row: Vec<String>) -> Result<Response, String> {
    let (statements, domains) = (columns.statements, columns.domains);
    let fixed = FIXED + usize::from(columns.partners.is_some());
    if row.len() < fixed || !(row.len() - fixed).is_multiple_of(2) {
        return Err(format!(
            "it has {} fields ({fixed}, then pairs of statement and comment, were expected)",
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
    let ties = match columns.partners {
        Some(partners) => read_ties(partners, &next())?,
        None => BTreeMap::new(),
    };
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
        ties,
        started,
        updated,
        submitted,
    })
}

/// Reads a row's ties field: two level characters (now, wanted) per partner named by the
/// table; a partner with neither is not rated.
fn read_ties(partners: &[String], text: &str) -> Result<BTreeMap<String, Tie>, String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() != 2 * partners.len() {
        return Err(format!(
            "it has {} tie characters for {} partners (two each were expected)",
            chars.len(),
            partners.len()
        ));
    }
    let mut ties = BTreeMap::new();
    for (partner, pair) in partners.iter().zip(chars.chunks(2)) {
        let mut values = pair.iter().map(|&c| {
            char_level(c).ok_or_else(|| format!("\"{c}\" is not a step of a tie (with {partner})"))
        });
        let (Some(now), Some(wanted)) = (values.next(), values.next()) else {
            continue;
        };
        let tie = Tie {
            now: now?,
            wanted: wanted?,
        };
        if !tie.is_empty() {
            ties.insert(partner.clone(), tie);
        }
    }
    Ok(ties)
}
