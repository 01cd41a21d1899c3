/// An HTML page as values: `nodes[0]` is the document, holding everything else.
struct HTMLTree: Sendable {
    var nodes: [HTMLNode] = [HTMLNode(name: "#document")]

    @discardableResult
    mutating func append(_ node: HTMLNode, parent: Int) -> Int {
        var node = node
        node.parent = parent
        node.end = nodes.count + 1
        nodes.append(node)
        return nodes.count - 1
    }

    /// Marks the element at `index` complete: its descendants are the nodes appended since.
    mutating func close(_ index: Int) { nodes[index].end = nodes.count }
}
