//! Statistics rules checked against reference values from numpy and scipy, and properties.
