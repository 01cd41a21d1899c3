import Foundation

/// Rounding to a whole number, for telling whole numbers from fractions.
extension Decimal {
    var rounded: Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}
