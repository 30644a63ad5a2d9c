//! The invitation sheet a facilitator prints or shows in a room: what is asked and of
//! whom, a QR code of the link beside three short steps, and the link itself as text.
//!
//! Plain functions rather than components, like the charts: they hold no state. The QR
//! code's modules and path come from trellis-core (`qr`); this only draws them.

use trellis_core::format::Partner;
use trellis_core::qr::QrMatrix;
use yew::prelude::*;

use crate::components::markup::hint;
use crate::messages as msg;

/// What the sheet says, all of it from the round and its link.
pub struct Sheet<'a> {
    pub collaboration: &'a str,
    pub round: &'a str,
    pub minutes: u32,
    pub partners: &'a [Partner],
    /// The whole invitation link, as the QR code holds it.
    pub link: &'a str,
    /// Where answers go, if the facilitator (or the host) gave an address.
    pub contact: Option<&'a str>,
    /// Whether the round also asks how each pair of partners works together.
    pub partner_map: bool,
}

/// The sheet, headed for the respondent; `print.css` prints it alone on one A4 page.
pub fn invitation_sheet(s: &Sheet) -> Html {
    let partners: Vec<&str> = s.partners.iter().map(|p| p.name.as_str()).collect();
    html! {
        <section class="invitation-sheet" aria-labelledby="sheet-heading" data-testid="invitation-sheet">
            <h2 id="sheet-heading">{ msg::sheet_heading(s.collaboration) }</h2>
            <p class="lead">{ msg::sheet_intro(s.round, s.minutes) }</p>
            <p>{ msg::SHEET_PRIVACY }</p>
            if let Some(contact) = s.contact {
                <p>{ msg::sheet_from(contact) }</p>
            }
            <h3>{ msg::SHEET_HOW }</h3>
            <div class="sheet-steps">
                { qr_code(s.link, msg::SHEET_QR_ALT) }
                <ol>
                    <li>{ msg::SHEET_STEP_SCAN }</li>
                    <li>{ msg::SHEET_STEP_TYPE }<br /><code class="link-text" data-testid="sheet-link">{ s.link }</code></li>
                    <li>{ msg::sheet_step_send(s.contact) }</li>
                </ol>
            </div>
            <p>{ msg::sheet_partners(&partners) }</p>
            if s.partner_map { <p data-testid="sheet-partner-map">{ msg::PARTNER_MAP_ASKED }</p> }
            { hint(msg::SHEET_OFFLINE) }
        </section>
    }
}

/// `text` as a QR code in SVG, dark on white whatever the theme, with `label` as its
/// text alternative; nothing when the text is too long for a QR code (the link is
/// printed beside it anyway).
pub fn qr_code(text: &str, label: &'static str) -> Html {
    let Some(code) = QrMatrix::encode(text) else {
        return Html::default();
    };
    let side = code.side();
    html! {
        <svg class="qr-code" viewBox={format!("0 0 {side} {side}")} role="img" aria-label={label}
            shape-rendering="crispEdges" data-testid="invitation-qr">
            <rect width={side.to_string()} height={side.to_string()} fill="#fff" />
            <path d={code.path()} fill="#000" />
        </svg>
    }
}
