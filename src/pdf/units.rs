//! Lengths on paper. The page geometry is measured in millimetres, type sizes and rule weights
//! in points; the two are distinct types, so one cannot be passed for the other, and a
//! conversion is always written out ([`Pt::to_mm`], [`Mm::to_pt`]).

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// Millimetres per point (a point is 1/72 inch).
const MM_PER_PT: f32 = 25.4 / 72.0;

/// A length in millimetres: positions and sizes on the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
pub struct Mm(pub f32);

/// A length in points: type sizes, rule weights and the PDF's own coordinates.
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
pub struct Pt(pub f32);

impl Mm {
    /// The same length in points.
    #[inline]
    pub fn to_pt(self) -> Pt {
        Pt(self.0 / MM_PER_PT)
    }
}

impl Pt {
    /// The same length in millimetres.
    #[inline]
    pub fn to_mm(self) -> Mm {
        Mm(self.0 * MM_PER_PT)
    }
}

/// Arithmetic that keeps the unit: sums and differences of lengths, scaling by a plain
/// number, and the ratio of two lengths (a plain number).
macro_rules! length {
    ($t:ident, $unit:literal) => {
        impl $t {
            /// The larger of two lengths.
            #[inline]
            pub fn max(self, other: Self) -> Self {
                Self(self.0.max(other.0))
            }

            /// The smaller of two lengths.
            #[inline]
            pub fn min(self, other: Self) -> Self {
                Self(self.0.min(other.0))
            }
        }

        impl Add for $t {
            type Output = Self;
            #[inline]
            fn add(self, rhs: Self) -> Self {
                Self(self.0 + rhs.0)
            }
        }

        impl Sub for $t {
            type Output = Self;
            #[inline]
            fn sub(self, rhs: Self) -> Self {
                Self(self.0 - rhs.0)
            }
        }

        impl Neg for $t {
            type Output = Self;
            #[inline]
            fn neg(self) -> Self {
                Self(-self.0)
            }
        }

        impl AddAssign for $t {
            #[inline]
            fn add_assign(&mut self, rhs: Self) {
                self.0 += rhs.0;
            }
        }

        impl SubAssign for $t {
            #[inline]
            fn sub_assign(&mut self, rhs: Self) {
                self.0 -= rhs.0;
            }
        }

        impl Mul<f32> for $t {
            type Output = Self;
            #[inline]
            fn mul(self, rhs: f32) -> Self {
                Self(self.0 * rhs)
            }
        }

        impl Mul<$t> for f32 {
            type Output = $t;
            #[inline]
            fn mul(self, rhs: $t) -> $t {
                $t(self * rhs.0)
            }
        }

        impl Div<f32> for $t {
            type Output = Self;
            #[inline]
            fn div(self, rhs: f32) -> Self {
                Self(self.0 / rhs)
            }
        }

        impl Div for $t {
            type Output = f32;
            #[inline]
            fn div(self, rhs: Self) -> f32 {
                self.0 / rhs.0
            }
        }

        impl Sum for $t {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                Self(iter.map(|v| v.0).sum())
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} {}", self.0, $unit)
            }
        }
    };
}

length!(Mm, "mm");
length!(Pt, "pt");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inch_is_72_points_and_25_4_millimetres() {
        assert!((Pt(72.0).to_mm().0 - 25.4).abs() < 1e-4);
        assert!((Mm(25.4).to_pt().0 - 72.0).abs() < 1e-4);
        assert!((Mm(210.0).to_pt().to_mm().0 - 210.0).abs() < 1e-4);
    }

    #[test]
    fn lengths_keep_their_unit_and_ratios_are_plain_numbers() {
        assert_eq!(Mm(3.0) + Mm(1.5) - Mm(0.5), Mm(4.0));
        assert_eq!(2.0 * Mm(1.5), Mm(3.0));
        assert_eq!(Mm(3.0) / 2.0, Mm(1.5));
        assert_eq!(Mm(3.0) / Mm(1.5), 2.0);
        assert_eq!([Mm(1.0), Mm(2.0)].into_iter().sum::<Mm>(), Mm(3.0));
        assert_eq!(Pt(9.0).max(Pt(10.5)), Pt(10.5));
        assert_eq!(Mm(12.5).to_string(), "12.5 mm");
    }
}
