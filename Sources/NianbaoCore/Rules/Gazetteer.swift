/// The names of China's administrative divisions, from the file `labels.yaml` names under `places`
/// (`places.tsv`): what the parse stage checks an issuer OCR read against (`PlaceSpelling`).
///
/// The file holds one county-level division a line, `province<TAB>prefecture<TAB>county` (a prefecture
/// without counties, or a county a province governs directly, leaves its field empty); `#` starts a
/// comment line. Every name is known alone and joined to the names above it, as a report names its
/// body: `赣州市`, `章贡区`, `赣州市章贡区`, `江西省赣州市章贡区`; an autonomous county's, banner's or
/// prefecture's also by its short form (`石柱县`, `恩施州`).
public struct Gazetteer: Sendable, Hashable {
    /// Every name, by its length in characters.
    public private(set) var byLength: [Int: Set<String>] = [:]

    public init() {}

    /// Reads the lines of `places.tsv`; returns the 1-based number of a line that is not three fields,
    /// with what is wrong, when one is not.
    public init(tsv text: String) throws(GazetteerError) {
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                String($0).trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 3, fields.contains(where: { !$0.isEmpty }) else {
                throw GazetteerError(line: i + 1, message: "expected province, prefecture and county separated by tabs")
            }
            // Each level's names: the name, and an autonomous one's short form too.
            let levels = fields.filter { !$0.isEmpty }.map { [$0] + (Self.shortForm($0).map { [$0] } ?? []) }
            for start in levels.indices {
                var names = [""]
                for level in levels[start...] {
                    names = names.flatMap { name in level.map { name + $0 } }
                    names.forEach { insert($0) }
                }
            }
        }
    }

    /// The short form reports use for an autonomous county, banner or prefecture: its first two characters
    /// and its level (`石柱土家族自治县` → `石柱县`, `恩施土家族苗族自治州` → `恩施州`).
    static func shortForm(_ name: String) -> String? {
        guard let level = name.last, ["县", "旗", "州"].contains(level), name.hasSuffix("自治\(level)"),
            name.contains("族"), name.count > 5
        else { return nil }
        return String(name.prefix(2)) + String(level)
    }

    mutating func insert(_ name: String) {
        byLength[name.count, default: []].insert(name)
    }

    public func contains(_ name: String) -> Bool {
        byLength[name.count]?.contains(name) ?? false
    }

    public var isEmpty: Bool { byLength.isEmpty }
}

public struct GazetteerError: Error, Sendable {
    public var line: Int
    public var message: String
}
