//! The import's column step for a spreadsheet: which survey tool's layout was recognised,
//! every column with its status in words and a choice of what it holds, the closest
//! statements offered for a column not recognised, and a file cut short by a quote.

use std::rc::Rc;

use trellis_core::transfer::{
    ColumnInfo, ColumnStatus, ColumnTarget, CsvMapping, ParseStop, Platform, TransferError,
};
use trellis_core::Instrument;
use yew::prelude::*;

use crate::browser::dom::event_value;
use crate::components::markup::table;
use crate::messages as msg;

/// A column target as a form value (`s:<id>` for a statement...); [`parse_target`] reads it back.
pub fn target_value(t: &ColumnTarget) -> String {
    match t {
        ColumnTarget::Ignore => "ignore".into(),
        ColumnTarget::Organisation => "organisation".into(),
        ColumnTarget::Role => "role".into(),
        ColumnTarget::ResponseId => "response_id".into(),
        ColumnTarget::Submitted => "submitted".into(),
        ColumnTarget::Finished => "finished".into(),
        ColumnTarget::RowStatement => "row_statement".into(),
        ColumnTarget::RowAnswer => "row_answer".into(),
        ColumnTarget::RowComment => "row_comment".into(),
        ColumnTarget::RowLevel => "row_level".into(),
        ColumnTarget::Statement(s) => format!("s:{s}"),
        ColumnTarget::Level(d) => format!("l:{d}"),
        ColumnTarget::Comment(s) => format!("c:{s}"),
    }
}

pub fn parse_target(v: &str) -> ColumnTarget {
    match v {
        "organisation" => ColumnTarget::Organisation,
        "role" => ColumnTarget::Role,
        "response_id" => ColumnTarget::ResponseId,
        "submitted" => ColumnTarget::Submitted,
        "finished" => ColumnTarget::Finished,
        "row_statement" => ColumnTarget::RowStatement,
        "row_answer" => ColumnTarget::RowAnswer,
        "row_comment" => ColumnTarget::RowComment,
        "row_level" => ColumnTarget::RowLevel,
        _ => match v.split_once(':') {
            Some(("s", id)) => ColumnTarget::Statement(id.to_string()),
            Some(("l", id)) => ColumnTarget::Level(id.to_string()),
            Some(("c", id)) => ColumnTarget::Comment(id.to_string()),
            _ => ColumnTarget::Ignore,
        },
    }
}

/// Every target a column of a round in `mode` can hold, in labelled groups.
fn target_groups(instrument: &Instrument, mode: &str) -> Vec<(&'static str, Vec<(String, String)>)> {
    let statements: Vec<_> = instrument
        .statements()
        .iter()
        .filter(|s| s.modes.iter().any(|m| m == mode))
        .collect();
    let person = vec![
        ("organisation".into(), msg::YOUR_ORGANISATION.into()),
        ("role".into(), msg::YOUR_ROLE.into()),
        ("response_id".into(), msg::RESPONSE_ID.into()),
        ("submitted".into(), msg::TARGET_SUBMITTED.into()),
        ("finished".into(), msg::TARGET_FINISHED.into()),
    ];
    let answers = statements
        .iter()
        .map(|s| (format!("s:{}", s.id), msg::statement_option(&s.text)))
        .collect();
    let comments = statements
        .iter()
        .map(|s| (format!("c:{}", s.id), msg::comment_option(&s.text)))
        .collect();
    let mut groups = vec![(msg::GROUP_PERSON, person), (msg::GROUP_STATEMENTS, answers)];
    if instrument.mode(mode).is_some_and(|m| m.ask_levels) {
        let levels = instrument
            .domains_in_mode(mode)
            .map(|d| (format!("l:{}", d.id), msg::level_option(&d.title)))
            .collect();
        groups.push((msg::GROUP_LEVELS, levels));
    }
    groups.push((msg::GROUP_COMMENTS, comments));
    let rows = [
        ("row_statement", msg::TARGET_ROW_STATEMENT),
        ("row_answer", msg::TARGET_ROW_ANSWER),
        ("row_comment", msg::TARGET_ROW_COMMENT),
        ("row_level", msg::TARGET_ROW_LEVEL),
    ];
    groups.push((
        msg::GROUP_ROWS,
        rows.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect(),
    ));
    groups
}

#[derive(Properties, PartialEq)]
pub struct ImportMappingProps {
    /// The file's name.
    pub name: AttrValue,
    pub platform: Platform,
    pub header_rows: usize,
    pub data_rows: usize,
    pub columns: Rc<Vec<ColumnInfo>>,
    /// The facilitator's mapping so far (one target per column).
    pub mapping: Rc<CsvMapping>,
    pub instrument: Rc<Instrument>,
    pub mode: AttrValue,
    /// Why the mapping cannot be read yet, worded.
    #[prop_or_default]
    pub problem: Option<AttrValue>,
    /// Column k now holds this target.
    pub on_change: Callback<(usize, ColumnTarget)>,
}

/// The table of columns: header, status in words, and a select of what it holds.
#[component]
pub fn ImportMapping(props: &ImportMappingProps) -> Html {
    let groups = target_groups(&props.instrument, &props.mode);
    let text_of = |id: &str| {
        props
            .instrument
            .statements()
            .iter()
            .find(|s| s.id == id)
            .map_or(id.to_string(), |s| s.text.clone())
    };
    let rows = props.columns.iter().enumerate().map(|(k, column)| {
        let current = props.mapping.columns.get(k).cloned().unwrap_or(ColumnTarget::Ignore);
        let value = target_value(&current);
        let id = format!("column-{k}");
        let changed = current != column.suggestion;
        let unrecognised = !changed && matches!(column.status, ColumnStatus::NotRecognised { .. });
        let status = if changed {
            html! { { msg::STATUS_CHOSEN } }
        } else {
            match &column.status {
                ColumnStatus::Recognised => html! { { msg::STATUS_RECOGNISED } },
                ColumnStatus::Metadata(kind) => html! { { msg::status_ignored(*kind) } },
                ColumnStatus::FreeText { .. } => {
                    let on = match &current {
                        ColumnTarget::Comment(id) => Some(text_of(id)),
                        _ => None,
                    };
                    html! { { msg::status_free_text(on.as_deref()) } }
                }
                // One element, so the phone layout's grid keeps it in one cell.
                ColumnStatus::NotRecognised { closest } => html! {
                    <div>
                        <strong class="status-unrecognised"><span aria-hidden="true">{ "⚠ " }</span>{ msg::STATUS_NOT_RECOGNISED }</strong>
                        <span class="hint status-hint">{ msg::STATUS_NOT_RECOGNISED_HINT }</span>
                        if !closest.is_empty() {
                            <span class="status-hint">{ msg::CLOSEST_STATEMENTS }</span>
                            <ul class="closest-list">
                                for statement in closest.iter() {
                                    <li>
                                        <button type="button" class="link-button"
                                            data-testid={format!("use-{k}-{statement}")}
                                            onclick={
                                                let (on_change, target) = (props.on_change.clone(), ColumnTarget::Statement(statement.clone()));
                                                Callback::from(move |_: MouseEvent| on_change.emit((k, target.clone())))
                                            }>
                                            { msg::use_statement(&text_of(statement)) }
                                        </button>
                                    </li>
                                }
                            </ul>
                        }
                    </div>
                },
            }
        };
        let on_change = {
            let on_change = props.on_change.clone();
            Callback::from(move |e: Event| on_change.emit((k, parse_target(&event_value(&e)))))
        };
        html! {
            <tr class={classes!(unrecognised.then_some("unrecognised"))} data-testid={format!("column-row-{k}")}>
                <th scope="row"><label for={id.clone()}>{ column.header.clone() }</label></th>
                <td data-label={msg::COLUMN_STATUS} data-testid="column-status">{ status }</td>
                <td data-label={msg::MEANS}>
                    <select {id} onchange={on_change}>
                        <option value="ignore" selected={value == "ignore"}>{ msg::IGNORE_COLUMN }</option>
                        for (group, options) in groups.iter() {
                            <optgroup label={*group}>
                                for (v, label) in options.iter() {
                                    <option value={v.clone()} selected={*v == value}>{ label.clone() }</option>
                                }
                            </optgroup>
                        }
                    </select>
                </td>
            </tr>
        }
    });
    html! {
        <div class="import-mapping" data-testid="csv-mapping">
            <p class="lead" data-testid="read-as">{ msg::read_as(props.platform, props.header_rows, props.data_rows) }</p>
            <p>{ msg::CSV_MAPPING_HELP }</p>
            if let Some(problem) = &props.problem {
                <p class="error-message" data-testid="mapping-problem">{ msg::mapping_problem(problem) }</p>
            }
            { table(Some("column-table"), Some("columns"), None, &[msg::COLUMN, msg::COLUMN_STATUS, msg::MEANS], rows.collect()) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct UnclosedQuoteProps {
    pub name: AttrValue,
    pub stop: ParseStop,
    /// Rows read before the quote.
    pub rows: usize,
    pub take: bool,
    pub on_take: Callback<bool>,
}

/// A file cut short by an opening quote never closed: what was lost, and the choice to
/// take the rows before it.
#[component]
pub fn UnclosedQuote(props: &UnclosedQuoteProps) -> Html {
    let stop = props.stop;
    let error = TransferError::UnclosedQuote {
        quote_line: stop.quote_line,
        first_lost_line: stop.first_lost_line,
        last_line: stop.last_line,
    };
    let on_take = {
        let (on_take, take) = (props.on_take.clone(), props.take);
        Callback::from(move |_: Event| on_take.emit(!take))
    };
    html! {
        <div class="notice notice-error" data-testid="unclosed-quote">
            <p><strong>{ msg::unclosed_quote(&props.name, &error) }</strong></p>
            <p>{ msg::NOTHING_FROM_FILE }</p>
            if props.rows > 0 {
                <div class="field choice-block">
                    <input type="checkbox" id="take-rows" checked={props.take} onchange={on_take} />
                    <label for="take-rows">{ msg::take_rows_before(props.rows, stop.first_lost_line) }</label>
                </div>
            }
        </div>
    }
}
