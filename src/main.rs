//! Entry point of the Trellis web app; everything else lives in the library.

fn main() {
    trellis::start();
}
