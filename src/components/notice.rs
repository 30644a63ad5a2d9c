//! The banner that explains a storage problem in plain words.

use yew::prelude::*;

use crate::browser::storage::StorageProblem;
use crate::messages as msg;

#[derive(Properties, PartialEq)]
pub struct StorageNoticeProps {
    pub problem: Option<StorageProblem>,
    /// What the user can do about a failed write (the app passes a backup button).
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn StorageNotice(props: &StorageNoticeProps) -> Html {
    let Some(problem) = &props.problem else {
        return html! {};
    };
    let (heading, body) = match problem {
        StorageProblem::Unavailable => (
            msg::STORAGE_UNAVAILABLE_TITLE,
            msg::STORAGE_UNAVAILABLE.to_string(),
        ),
        StorageProblem::WriteFailed => (msg::STORAGE_FULL_TITLE, msg::STORAGE_FULL.to_string()),
        StorageProblem::Damaged { error, kept_as } => (
            msg::STORAGE_DAMAGED_TITLE,
            msg::storage_damaged(&msg::load_error(error), kept_as.as_deref()),
        ),
        StorageProblem::Newer(error) => (
            msg::STORAGE_NEWER_TITLE,
            msg::storage_newer(&msg::load_error(error)),
        ),
    };
    html! {
        <div class="notice notice-warning" role="alert" data-testid="storage-notice">
            <h2>{ heading }</h2>
            <p>{ body }</p>
            { props.children.clone() }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct StorageFillingProps {
    /// The share of the browser's storage in use, in percent.
    pub percent: usize,
    /// On "Your data" itself the way to make room is on the page, so no link.
    #[prop_or_default]
    pub on_data_page: bool,
}

/// The calm early warning that storage is filling up, shown while saving still works
/// (see `trellis_core::quota::WARN_PERCENT`), with the way to make room.
#[component]
pub fn StorageFilling(props: &StorageFillingProps) -> Html {
    html! {
        <div class="notice" role="status" data-testid="storage-filling">
            <p>
                <strong>{ msg::STORAGE_FILLING_TITLE }</strong>{ " " }
                { msg::storage_filling(props.percent) }
            </p>
            if !props.on_data_page {
                <p><crate::route::Link to={crate::route::Route::Data}>{ msg::MOVE_ROUNDS_LINK }</crate::route::Link></p>
            }
        </div>
    }
}
