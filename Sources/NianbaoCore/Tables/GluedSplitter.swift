/// Splits a run of digits that a crawler or another extractor printed without separators
/// (`38010120384` for 380 1 0 1 2 0 384) into a table row's cells, using only what the template knows:
/// the row's width, every cell a whole number written without leading zeros (or `0`; money cells may
/// have decimals), and the row's own totals (the six applicant columns of table 三 add up to 总计; in
/// table 四, each group's four results add up to its 总计).
///
/// The search is bounded: a run is cut at most `width - 1` times and each cut is tried at most
/// `maxCellLength` positions on, splits that cannot reach the end of the run are never entered (a
/// table of how many ways each suffix can be split), a total cell is not searched but computed from
/// its members and compared with the digits in place, and the whole search stops after `budget` steps.
/// A run that needs more is reported as such (`exhausted`), never guessed.
public enum GluedSplitter {
    /// A total cell and the cells that add up to it (all before it in the row).
    public struct Group: Sendable, Hashable {
        public var members: [Int]
        public var total: Int
        public init(members: [Int], total: Int) {
            self.members = members
            self.total = total
        }
    }

    public struct Result: Sendable, Hashable {
        /// The splits that satisfy every group, one text per cell, at most `limit` of them.
        public var accepted: [[String]]
        /// How many splits the cell format alone allows, saturating at `Int.max`.
        public var structural: Int
        /// The one split the format allows, when there is exactly one.
        public var onlyStructural: [String]?
        /// The search hit its budget or its limit: `accepted` may be incomplete.
        public var exhausted: Bool
    }

    /// No count or amount in these tables has more than nine digits before the decimal point.
    public static let maxIntegerDigits = 9
    public static let maxFractionDigits = 4

    /// - Parameters:
    ///   - run: the row's digits as printed (spaces and commas are dropped).
    ///   - decimalCells: the cells that may hold a decimal point (money).
    public static func split(
        _ run: String, width: Int, groups: [Group] = [], decimalCells: Set<Int> = [],
        limit: Int = 64, budget: Int = 200_000
    ) -> Result {
        // Spaces and thousands separators carry no boundary a crawler kept: a stray space falls inside a
        // number as often as between two.
        let s: [UInt8] = Array(run.utf8.filter { $0 != 0x20 && $0 != 0x2C })
        let empty = Result(accepted: [], structural: 0, onlyStructural: nil, exhausted: false)
        guard width > 0, !s.isEmpty, s.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }),
            s.count <= width * (maxIntegerDigits + maxFractionDigits + 1)
        else { return empty }

        // The cells starting at `p` that cell `i` may be: the end offsets of each valid cell text.
        func ends(_ p: Int, _ i: Int) -> [Int] {
            guard p < s.count, s[p] != 0x2E else { return [] }
            var result: [Int] = []
            if s[p] == 0x30 {  // `0`, or `0.5` in a money cell
                if p + 1 == s.count || s[p + 1] != 0x2E { return [p + 1] }
            }
            var q = p
            var integerDigits = 0
            while q < s.count, s[q] != 0x2E, integerDigits < maxIntegerDigits {
                if s[p] == 0x30 && q > p { break }
                q += 1
                integerDigits += 1
                // A cell cannot end right before a decimal point: the point belongs to it.
                if q == s.count || s[q] != 0x2E { result.append(q) }
            }
            if decimalCells.contains(i), q < s.count, s[q] == 0x2E {
                var f = q + 1
                while f < s.count, s[f] != 0x2E, f - q - 1 < maxFractionDigits {
                    f += 1
                    if f == s.count || s[f] != 0x2E { result.append(f) }
                }
            }
            return result
        }

        // ways[i][p]: how many ways cells i..<width can cover s[p...] (saturating).
        var ways = Array(repeating: Array(repeating: 0, count: s.count + 1), count: width + 1)
        ways[width][s.count] = 1
        var cellEnds: [[[Int]]] = Array(repeating: Array(repeating: [], count: s.count + 1), count: width)
        for i in stride(from: width - 1, through: 0, by: -1) {
            for p in 0..<s.count {
                let e = ends(p, i)
                cellEnds[i][p] = e
                var total = 0
                for q in e {
                    let (sum, overflow) = total.addingReportingOverflow(ways[i + 1][q])
                    total = overflow ? Int.max : sum
                }
                ways[i][p] = total
            }
        }
        let structural = ways[0][0]
        guard structural > 0 else { return empty }

        let groupOfTotal = Dictionary(groups.map { ($0.total, $0) }, uniquingKeysWith: { a, _ in a })
        var cuts = Array(repeating: 0, count: width + 1)  // cell i is s[cuts[i]..<cuts[i+1]]
        var accepted: [[String]] = []
        var steps = 0
        var exhausted = false

        func text(_ i: Int) -> Substring { Substring(decoding: s[cuts[i]..<cuts[i + 1]], as: UTF8.self) }
        func integer(_ i: Int) -> Int? {
            var v = 0
            for c in s[cuts[i]..<cuts[i + 1]] {
                guard c != 0x2E else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        func satisfied(_ g: Group) -> Bool {
            var sum = 0
            for m in g.members {
                guard let v = integer(m) else { return false }
                sum += v
            }
            return integer(g.total) == sum
        }

        func search(_ i: Int) {
            if exhausted { return }
            steps += 1
            if steps > budget || accepted.count > limit {
                exhausted = true
                return
            }
            let p = cuts[i]
            if i == width {
                if groups.allSatisfy(satisfied) {
                    accepted.append((0..<width).map { String(text($0)) })
                    // Past the limit the list is incomplete: say so rather than agree on what it lists.
                    if accepted.count > limit { exhausted = true }
                }
                return
            }
            // A total whose members are all placed is not searched: its digits must be their sum.
            if let g = groupOfTotal[i], g.members.allSatisfy({ $0 < i }) {
                var sum = 0
                for m in g.members {
                    guard let v = integer(m) else { return }
                    sum += v
                }
                let digits = Array(String(sum).utf8)
                let q = p + digits.count
                guard q <= s.count, s[p..<q].elementsEqual(digits), cellEnds[i][p].contains(q), ways[i + 1][q] > 0
                else { return }
                cuts[i + 1] = q
                search(i + 1)
                return
            }
            for q in cellEnds[i][p] where ways[i + 1][q] > 0 {
                cuts[i + 1] = q
                search(i + 1)
                if exhausted { return }
            }
        }
        search(0)

        var only: [String]?
        if structural == 1 {
            // The one split: follow the only branch.
            var p = 0
            var cells: [String] = []
            for i in 0..<width {
                guard let q = cellEnds[i][p].first(where: { ways[i + 1][$0] > 0 }) else { break }
                cells.append(String(decoding: s[p..<q], as: UTF8.self))
                p = q
            }
            only = cells.count == width ? cells : nil
        }
        if accepted.count > limit { accepted.removeLast(accepted.count - limit) }
        return Result(accepted: accepted, structural: structural, onlyStructural: only, exhausted: exhausted)
    }
}
