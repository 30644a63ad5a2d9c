//! Entry point of the data page (data.html): back up, restore, storage and damaged
//! copies, and a round's exports (CSV files and the round file).

// This page migrates data written by earlier versions of Trellis, so it reads them all.
fn main() {
    trellis::start(
        trellis::route::Surface::Data,
        trellis::app::data_pages,
        trellis_core::format::Workspace::from_json,
    );
}
