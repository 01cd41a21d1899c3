/// Every field id of the output contract, in the contract's order.
public enum FieldCatalog {
    public static var all: [FieldSpec] { table }
    public static let byID: [String: FieldSpec] = Dictionary(uniqueKeysWithValues: table.map { ($0.id, $0) })
    public static let ids: [String] = table.map(\.id)
    static let positions: [String: Int] = Dictionary(uniqueKeysWithValues: table.enumerated().map { ($1.id, $0) })
    /// A field's place in `fields.tsv` (unknown ids last), for listing cells in the template's order.
    public static func order(_ id: String) -> Int { positions[id] ?? Int.max }

    /// The seven numeric columns of table 三, in printed order.
    public static let applicantColumns = ["natural", "commercial", "research", "nonprofit", "legal", "other", "total"]
    /// The three groups of table 四 and their five columns, in printed order.
    public static let reviewGroups = ["review", "suit_direct", "suit_after_review"]
    public static let reviewColumns = ["upheld", "corrected", "other", "pending", "total"]

    /// The templates that have a field as `fields.tsv` writes them: `2021,2019`.
    public static func templatesText(_ spec: FieldSpec) -> String {
        [Template.y2021, .y2019].filter(spec.templates.contains).map(\.rawValue).joined(separator: ",")
    }

    /// A field's type as `fields.tsv` writes it: `int` or `decimal`.
    public static func typeText(_ spec: FieldSpec) -> String { spec.type == .integer ? "int" : "decimal" }

    /// The codebook as `fields.tsv` (`nianbao fields`): a header, then one field a line, tab-separated.
    public static var tsv: String {
        (["id\tsection\ttemplates\ttype\tlabel"]
            + all.map { "\($0.id)\t\($0.section)\t\(templatesText($0))\t\(typeText($0))\t\($0.label)" })
            .joined(separator: "\n") + "\n"
    }
}
