//! Entry point of the data page (data.html): back up, restore, storage and damaged
//! copies, and a round's exports (CSV files and the round file).

fn main() {
    trellis::start(trellis::route::Surface::Data, trellis::app::data_pages);
}
