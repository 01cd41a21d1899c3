import Foundation

/// Places a row's printed values on the template's columns.
///
/// The simple cases are certain: as many numbers as columns; or a row printed on one line whose blank
/// cells keep their positions (blank = 0). Otherwise the row lost cells (an HTML table flattened with
/// its blank cells dropped, an extractor that dropped a cell, a surplus column) and every placement of
/// the numbers that keeps their order is a candidate; `accept` (the row's own identity, e.g. the six
/// applicant columns add up to 总计) filters them, and the rest are returned most likely first.
public enum SlotResolver {
    public enum Ref: Sendable, Hashable {
        case slot(Int)  // index into the row's slots (a blank slot reads as 0, an unread one as null)
        case zero  // a cell the source dropped as blank
        case unknown  // a cell whose value the source lost
    }

    public enum How: Sendable, Hashable {
        case printed, blanksAsZero, allBlank, inferred, unplaced, surplus
        /// Far more numbers than cells: too many readings to check one by one; every cell is unknown.
        case tooMany
        /// A cell printed but not read, in a row that keeps no cell positions: every cell is unknown.
        case unreadUnplaced
    }

    public struct Reading: Sendable {
        public var how: How
        /// Candidate placements, most likely first; each has one `Ref` per column.
        public var placements: [[Ref]]
        /// The total cell was printed blank while other cells were filled (OUTPUT.md: null, with a warning).
        public var blankTotal: Bool = false
    }

    public static func value(_ ref: Ref, in row: LogicalRow) -> Decimal? {
        switch ref {
        case .slot(let i): return row.slots[i].isUnread ? nil : row.slots[i].number?.value ?? 0
        case .zero: return 0
        case .unknown: return nil
        }
    }

    /// - Parameters:
    ///   - totalIndex: the column whose blank cell is a left-out total rather than a zero.
    ///   - preferred: columns a lone number most likely stands in (totals), for ordering candidates.
    public static func read(
        _ row: LogicalRow, width: Int, totalIndex: Int?, preferred: Set<Int> = [],
        accept: (([Decimal]) -> Bool)?
    ) -> Reading {
        let numberIndices = row.slots.indices.filter { row.slots[$0].number != nil }
        let n = numberIndices.count
        func values(_ placement: [Ref]) -> [Decimal] { placement.map { value($0, in: row) ?? 0 } }

        let unread = row.slots.contains(where: \.isUnread)
        if unread {
            // Cells printed but not read count as printed cells: as many as the row's, each stands in its
            // own; more, and which are the row's is not known.
            let filled = row.slots.indices.filter { row.slots[$0].number != nil || row.slots[$0].isUnread }
            if filled.count == width { return Reading(how: .printed, placements: [filled.map { .slot($0) }]) }
            if filled.count > width {
                return Reading(how: .unreadUnplaced, placements: [Array(repeating: .unknown, count: width)])
            }
        }
        if n == width { return Reading(how: .printed, placements: [numberIndices.map { .slot($0) }]) }
        if n == 0, !unread { return Reading(how: .allBlank, placements: [Array(repeating: .zero, count: width)]) }
        if n > width {
            // Far more numbers than cells (a layout that ran several rows together, hostile input): the
            // readings are too many to list, and none can be told from another: every cell is unknown.
            guard binomial(n, width) <= maxSurplusReadings else {
                return Reading(how: .tooMany, placements: [Array(repeating: .unknown, count: width)])
            }
            var candidates = combinations(n, choose: width).map { $0.map { Ref.slot(numberIndices[$0]) } }
            // Prefer dropping the later numbers (a trailing stray cell) over the earlier ones.
            candidates.sort { lexicographicallyFirst($0, $1) }
            if let accept {
                let accepted = candidates.filter { accept(values($0)) }
                if !accepted.isEmpty { candidates = accepted }
            }
            return Reading(how: .surplus, placements: candidates)
        }
        if var slots = row.positionalSlots {
            for attempt in 0..<2 {  // as printed, then without blank cells at either end
                if attempt == 1 {
                    while let f = slots.first, row.slots[f].value == .blank { slots.removeFirst() }
                    while let l = slots.last, row.slots[l].value == .blank { slots.removeLast() }
                }
                if slots.count == width {
                    var placement = slots.map { Ref.slot($0) }
                    var blankTotal = false
                    if let t = totalIndex, case .slot(let s) = placement[t], row.slots[s].value == .blank {
                        placement[t] = .unknown
                        blankTotal = true
                    }
                    return Reading(how: .blanksAsZero, placements: [placement], blankTotal: blankTotal)
                }
            }
        }
        if unread {
            // A cell was printed but not read, and the row keeps no positions: which cells its numbers
            // stand in is not known.
            return Reading(how: .unreadUnplaced, placements: [Array(repeating: .unknown, count: width)])
        }
        let all = combinations(width, choose: n).map { positions -> [Ref] in
            var placement = Array(repeating: Ref.zero, count: width)
            for (k, p) in positions.enumerated() { placement[p] = .slot(numberIndices[k]) }
            return placement
        }
        let accepted = accept.map { a in all.filter { a(values($0)) } } ?? all
        if accepted.isEmpty {
            // No placement with blanks as zeros fits: a cell holding a number was lost. Keep the printed
            // numbers in order from the left and leave the rest unknown rather than invent them.
            var placement = Array(repeating: Ref.unknown, count: width)
            for (k, i) in numberIndices.enumerated() { placement[k] = .slot(i) }
            return Reading(how: .unplaced, placements: [placement])
        }
        let sorted = accepted.sorted { a, b in
            let pa = preferred.filter { a[$0] != .zero }.count, pb = preferred.filter { b[$0] != .zero }.count
            if pa != pb { return pa > pb }
            return positionsFirst(a, b)
        }
        return Reading(how: .inferred, placements: sorted)
    }

    /// The most readings of a row with surplus numbers that are listed and checked one by one.
    static let maxSurplusReadings = 5_000

    /// n choose k, saturating at `Int.max`.
    static func binomial(_ n: Int, _ k: Int) -> Int {
        guard k >= 0, k <= n else { return 0 }
        var result = 1
        for i in 0..<min(k, n - k) {
            let (m, o) = result.multipliedReportingOverflow(by: n - i)
            if o { return Int.max }
            result = m / (i + 1)
        }
        return result
    }

    /// All increasing index sequences of length k from 0..<n.
    static func combinations(_ n: Int, choose k: Int) -> [[Int]] {
        guard k <= n, k >= 0 else { return [] }
        var result: [[Int]] = []
        var current: [Int] = []
        func go(_ start: Int) {
            if current.count == k {
                result.append(current)
                return
            }
            let remaining = k - current.count
            guard start <= n - remaining else { return }
            for i in start...(n - remaining) {
                current.append(i)
                go(i + 1)
                current.removeLast()
            }
        }
        go(0)
        return result
    }

    static func lexicographicallyFirst(_ a: [Ref], _ b: [Ref]) -> Bool {
        for (x, y) in zip(a, b) {
            if case .slot(let i) = x, case .slot(let j) = y, i != j { return i < j }
        }
        return false
    }

    /// Numbers placed further left first: the natural-person column is the common one.
    static func positionsFirst(_ a: [Ref], _ b: [Ref]) -> Bool {
        let pa = a.indices.filter { a[$0] != .zero }, pb = b.indices.filter { b[$0] != .zero }
        return pa.lexicographicallyPrecedes(pb)
    }
}
