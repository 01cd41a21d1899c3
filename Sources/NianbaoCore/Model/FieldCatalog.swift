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
}
