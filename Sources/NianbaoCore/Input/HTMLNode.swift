/// One element or text of an HTML page. Nodes live in `HTMLTree.nodes` in document order; a node's
/// descendants are the nodes after it up to `end`, so every walk is a loop over indices and no tree is
/// ever freed recursively.
struct HTMLNode: Sendable {
    /// The element's name, lowercased; "" for a text.
    var name: String
    var text: String
    /// `class` and `id`, lowercased (chrome markers are looked for here).
    var marks = ""
    var rowspan = 1
    var colspan = 1
    var parent = -1
    /// The index after the last descendant.
    var end = 0

    init(name: String) {
        self.name = name
        self.text = ""
    }
    init(text: String) {
        self.name = ""
        self.text = text
    }

    var isText: Bool { name.isEmpty }

    /// A `rowspan`/`colspan` value as browsers read it: the leading digits ("2", " 3 ", "4px"), at least
    /// 1; absurd values are capped here and clamped to the table by the grid.
    static func span(_ value: String) -> Int {
        let digits = value.drop(while: { $0 == " " }).prefix(while: { $0.isASCII && $0.isNumber }).prefix(6)
        return max(1, Int(digits) ?? 1)
    }
}
