//! The banner that explains a storage problem in plain words.

use yew::prelude::*;

use crate::browser::storage::StorageProblem;
use crate::messages as msg;
use crate::state::AppHandle;

#[derive(Properties, PartialEq)]
pub struct StorageNoticeProps {
    pub problem: Option<StorageProblem>,
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
        StorageProblem::Damaged { reason, kept_as } => (
            msg::STORAGE_DAMAGED_TITLE,
            msg::storage_damaged(reason, kept_as.as_deref()),
        ),
        StorageProblem::Newer(reason) => (msg::STORAGE_NEWER_TITLE, msg::storage_newer(reason)),
    };
    html! {
        <div class="notice notice-warning" role="alert" data-testid="storage-notice">
            <h2>{ heading }</h2>
            <p>{ body }</p>
            if *problem == StorageProblem::WriteFailed {
                <BackupButton />
            }
        </div>
    }
}

/// Downloads a backup of everything on screen, saying why if the browser refuses.
#[component]
pub fn BackupButton() -> Html {
    // Outside the app (a view rendered on its own) there is nothing to back up.
    let app = use_context::<AppHandle>();
    let error = use_state(|| None::<String>);
    let Some(app) = app else { return html! {} };
    let onclick = {
        let error = error.clone();
        Callback::from(move |_: MouseEvent| error.set(app.download_backup().err()))
    };
    html! {
        <>
            <button type="button" class="button button-secondary" data-testid="backup" {onclick}>{ msg::BACKUP_NOW }</button>
            if let Some(e) = (*error).clone() {
                <p class="notice notice-warning" role="alert">{ e }</p>
            }
        </>
    }
}
