//! The import's label step: every distinct organisation, role and answer label of a
//! spreadsheet, with how many rows carry it and what it is taken as, chosen once for all
//! its rows (a suggestion is marked so the facilitator checks it).

use std::rc::Rc;

use trellis_core::format::{Answer, RoleCategory};
use trellis_core::transfer::{Label, LabelMapping};
use yew::prelude::*;

use crate::browser::dom::event_value;
use crate::components::markup::table;
use crate::messages as msg;

/// Which of the three lists a label is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    Organisation,
    Role,
    Answer,
}

#[derive(Properties, PartialEq)]
pub struct ImportLabelsProps {
    pub labels: Rc<LabelMapping>,
    /// The collaboration's partners: (id, name).
    pub partners: Rc<Vec<(String, String)>>,
    /// Every answer with its wording.
    pub answers: Rc<Vec<(Answer, String)>>,
    /// Label k of a list is now taken as this form value ("" for not mapped): a partner
    /// id, a role id or an answer code.
    pub on_choose: Callback<(LabelKind, usize, String)>,
}

/// One table of labels: as written, rows, and a select of what it is taken as.
fn label_table<T>(
    kind: LabelKind,
    title: &'static str,
    labels: &[Label<T>],
    options: &[(String, String)],
    value_of: impl Fn(&T) -> String,
    on_choose: &Callback<(LabelKind, usize, String)>,
) -> Html {
    if labels.is_empty() {
        return Html::default();
    }
    let (prefix, test_id) = match kind {
        LabelKind::Organisation => ("organisation", "labels-organisation"),
        LabelKind::Role => ("role", "labels-role"),
        LabelKind::Answer => ("answer", "labels-answer"),
    };
    let rows = labels.iter().enumerate().map(|(k, label)| {
        let id = format!("label-{prefix}-{k}");
        let current = label.choice.as_ref().map(&value_of).unwrap_or_default();
        let suggested = label.choice.is_some() && !label.exact;
        let on_change = {
            let on_choose = on_choose.clone();
            Callback::from(move |e: Event| on_choose.emit((kind, k, event_value(&e))))
        };
        html! {
            <tr data-testid={format!("label-{prefix}")}>
                <th scope="row">
                    <label for={id.clone()}>
                        <span class="visually-hidden">{ msg::label_select(&label.value) }</span>
                        <span aria-hidden="true">{ label.value.clone() }</span>
                    </label>
                </th>
                <td class="num" data-label={msg::LABEL_ROWS}>{ label.rows }</td>
                <td data-label={msg::LABEL_TAKEN_AS}>
                    <select id={id.clone()} onchange={on_change}
                        aria-describedby={suggested.then(|| format!("{id}-suggested"))}>
                        <option value="" selected={current.is_empty()}>{ msg::NOT_MAPPED }</option>
                        for (value, text) in options.iter() {
                            <option value={value.clone()} selected={*value == current}>{ text.clone() }</option>
                        }
                    </select>
                    if suggested {
                        <span class="tag" id={format!("{id}-suggested")} data-testid="suggested">{ msg::SUGGESTED }</span>
                    }
                </td>
            </tr>
        }
    });
    html! {
        { table(Some(test_id), Some("labels"), Some(title), &[msg::LABEL_AS_WRITTEN, msg::LABEL_ROWS, msg::LABEL_TAKEN_AS], rows.collect()) }
    }
}

/// The three tables of labels (only those with labels are shown).
#[component]
pub fn ImportLabels(props: &ImportLabelsProps) -> Html {
    let labels = &props.labels;
    if labels.organisations.is_empty() && labels.roles.is_empty() && labels.answers.is_empty() {
        return Html::default();
    }
    let partners: Vec<(String, String)> = props.partners.iter().cloned().collect();
    let roles: Vec<(String, String)> = RoleCategory::ALL
        .iter()
        .map(|r| (r.id().to_string(), msg::role_label(*r).to_string()))
        .collect();
    let answers: Vec<(String, String)> = props
        .answers
        .iter()
        .map(|(a, text)| (a.code(), text.clone()))
        .collect();
    html! {
        <div class="import-labels" data-testid="label-tables">
            <h3>{ msg::LABELS_TITLE }</h3>
            <p>{ msg::LABELS_HELP }</p>
            { label_table(LabelKind::Organisation, msg::ORGANISATIONS_IN_FILE, &labels.organisations, &partners, String::clone, &props.on_choose) }
            { label_table(LabelKind::Role, msg::ROLES_IN_FILE, &labels.roles, &roles, |r| r.id().to_string(), &props.on_choose) }
            { label_table(LabelKind::Answer, msg::ANSWERS_NOT_READ, &labels.answers, &answers, |a| a.code(), &props.on_choose) }
        </div>
    }
}
