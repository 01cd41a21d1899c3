import CLibXML2
import Foundation

/// Owns one libxml2 HTML parser context, and builds the page's `HTMLTree` from the parser's SAX events.
///
/// libxml2's HTML parser is used for what it is good at — tokenising and recovering like a browser from
/// unclosed cells and paragraphs, unquoted attributes, scripts full of `<` and `</div>` — but not for its
/// tree: an `xmlNode` is 120 bytes, so a page of dense inline markup costs some 19 times its size (960 MB
/// for a 50 MB line of `<span>`s). The events go straight into `HTMLTree` values instead, within limits
/// that no report comes near, and the parser is stopped at the first limit reached (`truncation` says
/// which): nesting deeper than 256 (libxml2's own limit for trees; it also keeps libxml2's end-tag
/// search, linear in the depth, cheap), a million nodes, 4 MB of text.
final class HTMLParser {
    let context: htmlParserCtxtPtr
    private(set) var tree = HTMLTree()
    /// Why the page was not read to its end, if it was not.
    private(set) var truncation: String?
    /// The tree index of each element being filled; 0 is the document.
    private var open: [Int] = [0]
    /// Text received since the last element event: libxml2 hands text over in pieces.
    private var pendingText: [UInt8] = []
    /// Text bytes other than ASCII white space so far.
    private var textBytes = 0

    static let maxDepth = 256
    static let maxNodes = 1_000_000
    static let maxTextBytes = 4 << 20

    /// Error recovery on, errors and warnings not printed, nothing fetched from the network.
    /// `IGNORE_ENC`: the input is UTF-8 (decoded by `TextDecoding` from the page's own charset), so a
    /// `<meta charset=gbk>` in it must not switch libxml2 to GBK half-way. Not `NOIMPLIED`: without the
    /// implied `<html><body>`, libxml2 2.9 puts whatever follows a fragment's first closed element inside
    /// it (`<table>…</table><p>` gives a table holding the paragraph).
    static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// libxml2 2.9 sets up its global state (error handlers, the default SAX handler) on first use without
    /// a lock; a Swift static is initialised exactly once, whichever worker gets here first.
    static let libraryReady: Void = { xmlInitParser() }()

    /// The page as values, and why it was cut short, if it was.
    static func parse(_ html: String) -> (tree: HTMLTree, truncation: String?) {
        _ = libraryReady
        var bytes = Array(html.utf8)
        renamePrefixedTags(&bytes)
        guard !bytes.isEmpty, bytes.count < Int(Int32.max), let parser = HTMLParser() else { return (HTMLTree(), nil) }
        parser.run(bytes)
        return (parser.tree, parser.truncation)
    }

    private init?() {
        guard let context = htmlNewParserCtxt() else { return nil }
        self.context = context
    }

    deinit { htmlFreeParserCtxt(context) }

    private static func parser(_ context: UnsafeMutableRawPointer?) -> HTMLParser? {
        context.map { Unmanaged<HTMLParser>.fromOpaque($0).takeUnretainedValue() }
    }

    private func run(_ bytes: [UInt8]) {
        guard let sax = context.pointee.sax else { return }
        // Only these callbacks: no tree, no error output (libxml2 prints through `error`/`warning` only).
        // `htmlCtxtReadMemory` resets the context but keeps its SAX handler and user data.
        sax.pointee = xmlSAXHandler()
        sax.pointee.startElement = { context, name, attributes in HTMLParser.parser(context)?.start(name, attributes) }
        sax.pointee.endElement = { context, _ in HTMLParser.parser(context)?.end() }
        sax.pointee.characters = { context, text, length in HTMLParser.parser(context)?.characters(text, length) }
        sax.pointee.ignorableWhitespace = { context, text, length in
            HTMLParser.parser(context)?.characters(text, length)
        }
        // The content of <script> and <style> (the only use the HTML parser has for it): never report text.
        sax.pointee.cdataBlock = { _, _, _ in }
        context.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8", Self.options)
            }
        }
        if let document { xmlFreeDoc(document) }  // none is built without the tree callbacks
        flushText()
        while let index = open.popLast() { tree.close(index) }
        // libxml2 halts by itself only on a fatal error of its own (out of memory).
        if truncation == nil, context.pointee.disableSAX != 0, context.pointee.instate == XML_PARSER_EOF {
            truncation =
                xmlCtxtGetLastError(UnsafeMutableRawPointer(context))?.pointee.message
                .map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "the parser stopped"
        }
    }

    private func stop(_ reason: String) {
        truncation = reason
        xmlStopParser(context)
    }

    private func start(_ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard truncation == nil else { return }
        flushText()
        if open.count > Self.maxDepth { return stop("markup nested more than \(Self.maxDepth) deep") }
        if tree.nodes.count >= Self.maxNodes { return stop("more than \(Self.maxNodes) elements and texts") }
        var element = HTMLNode(name: name.map { String(cString: $0).lowercased() } ?? "")
        // Name, value, name, value, …, NULL; a value is NULL for an attribute written without one.
        var i = 0
        while let attributes, let rawName = attributes[i] {
            let value = attributes[i + 1].map { String(cString: $0) } ?? ""
            switch String(cString: rawName).lowercased() {
            case "class", "id": element.marks += (element.marks.isEmpty ? "" : " ") + value.lowercased()
            case "rowspan": element.rowspan = HTMLNode.span(value)
            case "colspan": element.colspan = HTMLNode.span(value)
            default: break
            }
            i += 2
        }
        open.append(tree.append(element, parent: open.last!))
    }

    private func end() {
        guard truncation == nil else { return }
        flushText()
        // libxml2 reports an end for every element it started (closing the implied ones itself); the
        // document itself is never closed here.
        if open.count > 1 { tree.close(open.removeLast()) }
    }

    private func characters(_ text: UnsafePointer<xmlChar>?, _ length: Int32) {
        guard truncation == nil, let text, length > 0 else { return }
        let chunk = UnsafeBufferPointer(start: text, count: Int(length))
        textBytes += chunk.reduce(0) { $0 + ($1 == 0x20 || $1 == 0x0A || $1 == 0x0D || $1 == 0x09 ? 0 : 1) }
        if textBytes > Self.maxTextBytes { return stop("more than \(Self.maxTextBytes >> 20) MB of text") }
        pendingText.append(contentsOf: chunk)
    }

    private func flushText() {
        guard !pendingText.isEmpty else { return }
        if tree.nodes.count >= Self.maxNodes {
            pendingText = []
            return stop("more than \(Self.maxNodes) elements and texts")
        }
        tree.append(HTMLNode(text: String(decoding: pendingText, as: UTF8.self)), parent: open.last!)
        pendingText.removeAll(keepingCapacity: true)
    }

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
                guard b[i] == 0x3C else {
                    i += 1
                    continue
                }  // <
                var j = i + 1
                if j < n, b[j] == 0x2F { j += 1 }  // </
                guard j < n, isLetter(b[j]) else {
                    i = j
                    continue
                }
                while j < n, isNameByte(b[j]) { j += 1 }
                if j + 1 < n, b[j] == 0x3A, isLetter(b[j + 1]) { b[j] = 0x5F }  // : → _
                i = j
            }
        }
    }
}
