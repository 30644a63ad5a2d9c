//! Small non-generic builders for markup that the views repeat. `html!` expands every
//! element inline where it is written, so a table written out in five places is compiled
//! five times; built here, it is compiled once.

use yew::prelude::*;

/// A scrollable table: `<div class="table-wrap"><table>` with an optional caption, one
/// header row of column titles and the given body rows. On a narrow screen each row shows
/// as a card (`stack`), each cell under the name in its `data-label`, so rows should give
/// every `td` the title of its column.
pub fn table(
    test_id: Option<&'static str>,
    class: Option<&'static str>,
    caption: Option<&'static str>,
    columns: &[&'static str],
    rows: Html,
) -> Html {
    html! {
        // Focusable and named, so keyboard users can scroll a wide table on a small screen.
        <div class="table-wrap" role="region" tabindex="0" aria-label={caption.unwrap_or(crate::messages::TABLE_REGION)}>
            <table data-testid={test_id} class={classes!("stack", class)}>
                if let Some(caption) = caption { <caption>{ caption }</caption> }
                <thead><tr>
                    for column in columns.iter().copied() { <th scope="col">{ column }</th> }
                </tr></thead>
                <tbody>{ rows }</tbody>
            </table>
        </div>
    }
}

/// A paragraph of help text: `<p class="hint">`.
pub fn hint(text: &'static str) -> Html {
    html! { <p class="hint">{ text }</p> }
}
