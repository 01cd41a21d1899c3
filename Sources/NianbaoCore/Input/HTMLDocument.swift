import CLibXML2
import Foundation

/// Owns one document parsed by libxml2's HTML parser. Used by one thread at a time, briefly: the HTML
/// reader parses, copies the tree into an `HTMLTree` value and lets this go.
final class HTMLDocument {
    let pointer: htmlDocPtr?
    /// Why libxml2 stopped before the end of the input, when it did: it halts (and keeps what it built so
    /// far) at 256 levels of nesting and at a text node over 10 MB, its limits without `HTML_PARSE_HUGE`.
    let truncation: String?

    /// Error recovery on, errors and warnings not printed, nothing fetched from the network.
    /// `COMPACT`: short texts stored inside their node (less memory, nothing changes for readers).
    /// `IGNORE_ENC`: the input is UTF-8 (decoded by `TextDecoding` from the page's own charset), so a
    /// `<meta charset=gbk>` in it must not switch libxml2 to GBK half-way. Not `NOIMPLIED`: without the
    /// implied `<html><body>`, libxml2 2.9 puts whatever follows a fragment's first closed element inside
    /// it (`<table>…</table><p>` gives a table holding the paragraph). No `HUGE`: its limits (depth 256,
    /// 10 MB text nodes) bound what a hostile page can cost, and a real report reaches neither.
    static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// libxml2 2.9 sets up its global state (error handlers, the default SAX handler) on first use without
    /// a lock; a Swift static is initialised exactly once, whichever worker gets here first.
    static let libraryReady: Void = { xmlInitParser() }()

    /// Parses `html`. A page libxml2 cannot make anything of still gives a document (possibly empty).
    init(_ html: String) {
        _ = Self.libraryReady
        var bytes = Array(html.utf8)
        Self.renamePrefixedTags(&bytes)
        guard !bytes.isEmpty, bytes.count < Int(Int32.max), let context = htmlNewParserCtxt() else {
            pointer = nil; truncation = nil; return
        }
        defer { htmlFreeParserCtxt(context) }
        pointer = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8", Self.options)
            }
        }
        // A halted parser (xmlHaltParser) has its state at EOF and SAX disabled; a parse that merely
        // recovered from errors has neither.
        if context.pointee.disableSAX != 0, context.pointee.instate == XML_PARSER_EOF {
            let message = xmlCtxtGetLastError(UnsafeMutableRawPointer(context))?.pointee.message
                .map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
            truncation = message ?? "the parser stopped"
        } else {
            truncation = nil
        }
    }

    deinit { if let pointer { xmlFreeDoc(pointer) } }

    /// Office's namespaced tags (`<o:p>`, `<st1:chsdate>`, `<v:shape>`) become `<o_p>`, … in place:
    /// libxml2's HTML parser drops the prefix, which would turn Word's `<o:p>` (an empty run at the end of
    /// a paragraph) into a `<p>` — a paragraph break inside a cell or a sentence. Renamed, they are
    /// unknown inline elements whose text is kept. One byte changes, so no comment or `</script>` can be
    /// made or broken by it.
    static func renamePrefixedTags(_ bytes: inout [UInt8]) {
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        func isNameByte(_ b: UInt8) -> Bool { isLetter(b) || (b >= 0x30 && b <= 0x39) }
        bytes.withUnsafeMutableBufferPointer { b in
            let n = b.count
            var i = 0
            while i < n {
                guard b[i] == 0x3C else { i += 1; continue }  // <
                var j = i + 1
                if j < n, b[j] == 0x2F { j += 1 }  // </
                guard j < n, isLetter(b[j]) else { i = j; continue }
                while j < n, isNameByte(b[j]) { j += 1 }
                if j + 1 < n, b[j] == 0x3A, isLetter(b[j + 1]) { b[j] = 0x5F }  // : → _
                i = j
            }
        }
    }

    /// The document as Swift values: elements and texts in document order.
    func tree() -> HTMLTree {
        var tree = HTMLTree()
        guard let pointer else { return tree }
        // Depth-first through libxml2's own links (children, next, parent), so that no nesting depth can
        // exhaust the stack; `open` holds the tree index of each element being filled.
        var open: [Int] = [0]
        var node: xmlNodePtr? = pointer.pointee.children
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let index = tree.append(Self.element(current), parent: open.last!)
                if current.pointee.children != nil {
                    open.append(index)
                    descend = true
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    tree.append(HTMLNode(text: String(cString: content)), parent: open.last!)
                }
            default:
                break  // comments (Word's <!--[if gte mso 9]>…<![endif]--> among them), DTDs, processing instructions
            }
            if descend {
                node = current.pointee.children
                continue
            }
            // The next sibling, else the next sibling of the nearest ancestor that has one, closing each
            // element left on the way (every element descended into is on `open`).
            var climb = current
            node = nil
            while true {
                if let next = climb.pointee.next { node = next; break }
                guard open.count > 1, let parent = climb.pointee.parent else { break }
                tree.close(open.removeLast())
                climb = parent
            }
        }
        while let index = open.popLast() { tree.close(index) }
        return tree
    }

    /// An element's name and the attributes the reader uses.
    static func element(_ node: xmlNodePtr) -> HTMLNode {
        var element = HTMLNode(name: node.pointee.name.map { String(cString: $0).lowercased() } ?? "")
        var attribute = node.pointee.properties
        while let a = attribute {
            defer { attribute = a.pointee.next }
            guard let rawName = a.pointee.name else { continue }
            let value = a.pointee.children?.pointee.content.map { String(cString: $0) } ?? ""
            switch String(cString: rawName).lowercased() {
            case "class", "id": element.marks += (element.marks.isEmpty ? "" : " ") + value.lowercased()
            case "rowspan": element.rowspan = HTMLNode.span(value)
            case "colspan": element.colspan = HTMLNode.span(value)
            default: break
            }
        }
        return element
    }
}

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

    init(name: String) { self.name = name; self.text = "" }
    init(text: String) { self.name = ""; self.text = text }

    var isText: Bool { name.isEmpty }

    /// A `rowspan`/`colspan` value as browsers read it: the leading digits ("2", " 3 ", "4px"), at least
    /// 1; absurd values are capped here and clamped to the table by the grid.
    static func span(_ value: String) -> Int {
        let digits = value.drop(while: { $0 == " " }).prefix(while: { $0.isASCII && $0.isNumber }).prefix(6)
        return max(1, Int(digits) ?? 1)
    }
}

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
