import Foundation

/// The layout stage for PDFs: positioned glyphs and ruling lines → lines of cells in reading order.
///
/// - Ruled tables become grids: the ruling lines' x and y positions cut the table into cells, a boundary
///   that no ruling line draws merges the cells on both sides (rowspan/colspan), and each character goes
///   to the cell holding its centre, so a label wrapped inside its cell, or set one character per line
///   (三、本年度办理结果), reads as one cell.
/// - Text outside grids is grouped into lines; a line whose parts stand apart (gaps of several em) is a
///   row of an unruled table, its numbers placed on the columns the block's numbers line up on.
/// - Prose lines that run to the right margin continue on the next line (and across a page break):
///   they are joined into one paragraph, Han characters without a space.
/// - A page whose text runs top to bottom or bottom to top (a table set sideways) is turned upright.
public struct PageLayout: Sendable {
    public struct Options: Sendable {
        /// Positions closer than this (pt) are the same ruling line.
        public var snap: Double = 2.5
        /// Shorter segments are not ruling lines.
        public var minimumRulingLine: Double = 6
        /// A cell boundary exists where ruling lines cover this fraction of it.
        public var coverage: Double = 0.5
        /// A horizontal gap of this many em splits a line outside a grid into cells.
        public var columnGap: Double = 1.6
        /// Top and bottom fractions of a page where running headers and page numbers live (公文 page
        /// numbers sit up to about 80 pt from the edge of an A4 page).
        public var furnitureZone: Double = 0.1
        public init() {}
    }

    public let options: Options
    public init(options: Options = Options()) { self.options = options }

    /// The cells of the ruled tables `rulingLines` draw, merged cells once, table by table and row by row:
    /// where OCR reads a scanned table cell by cell, before there are glyphs to place in them.
    public func tableCells(_ rulingLines: [RulingLine]) -> [Box] {
        Grids.find(rulingLines, options: options).flatMap(\.cellBoxes)
    }

    /// The cells of the tables drawn without ruling lines on `page`, table by table and row by row
    /// (`UnruledTables.cells(of:)`): where OCR, having read a page as prose, reads each number of such a
    /// table again on its own, as it reads the cells of a ruled one.
    public func unruledCells(_ page: PageGlyphs) -> [[[Box]]] {
        let lines = TextLines.group(page.glyphs.filter { !$0.character.isWhitespace })
        let (blocks, _) = UnruledTables.blocks(lines, gap: options.columnGap, furniture: furniture(page))
        return blocks.map(UnruledTables.cells(of:)).filter { !$0.isEmpty }
    }

    /// Whether a line is page furniture: a short line in the page's top or bottom zone.
    func furniture(_ page: PageGlyphs) -> (TextLine) -> Bool {
        let zone = page.height * options.furnitureZone
        return { line in (line.box.y1 < zone || line.box.y0 > page.height - zone) && line.text.count <= 40 }
    }

    public func layout(_ pages: [PageGlyphs]) -> LayoutDocument {
        var items: [Item] = []
        var findings: [Finding] = []
        var columns: UnruledTables.Columns?  // of a table drawn without ruling lines that ran to the end of a page
        for page in pages {
            let upright = Self.upright(page)
            if upright.glyphs.allSatisfy({ $0.character.isWhitespace }) {
                if pages.count > 1 {
                    findings.append(
                        Finding(
                            rule: FindingID.noText, severity: .warning, fields: [],
                            message: "page \(page.number) has no text layer (an image?); its content is not read",
                            page: page.number))
                }
                columns = nil
                continue
            }
            let (pageItems, carry) = layoutPage(upright, continued: columns)
            items += pageItems
            columns = carry
        }
        return LayoutDocument(lines: joinParagraphs(items), pageCount: pages.count, findings: findings)
    }

    // MARK: - Items

    /// A laid-out line with the geometry paragraph joining needs.
    struct Item {
        var line: Line
        var box: Box
        var fontSize: Double
        var furniture: Bool
        /// The page's body text margins.
        var left: Double
        var right: Double
    }

    /// The page's lines; and the columns of a table drawn without ruling lines that runs to the end of the
    /// page, for its continuation on the next (`continued`: the previous page's).
    func layoutPage(
        _ page: PageGlyphs, continued: UnruledTables.Columns? = nil
    ) -> (items: [Item], carry: UnruledTables.Columns?) {
        let glyphs = page.glyphs.filter { !$0.character.isWhitespace && $0.box.x1 > $0.box.x0 - 0.01 }
        var free = Array(repeating: true, count: glyphs.count)
        var placed: [(y: Double, items: [Item])] = []

        let grids = Grids.find(page.rulingLines, options: options)
        for grid in grids {
            let (rows, used) = grid.rows(glyphs, page: page.number)
            for i in used { free[i] = false }
            guard !rows.isEmpty else { continue }
            let items = rows.map { row in
                Item(line: row.line, box: row.box, fontSize: 0, furniture: false, left: 0, right: 0)
            }
            placed.append((grid.ys.first ?? 0, items))
        }

        let remaining = glyphs.indices.filter { free[$0] }.map { glyphs[$0] }
        let lines = TextLines.group(remaining)
        let zone = page.height * options.furnitureZone
        let body = lines.filter { $0.box.y0 > zone && $0.box.y1 < page.height - zone }
        let isFurniture = furniture(page)
        let left = body.filter { $0.glyphs.count >= 2 }.map(\.box.x0).min() ?? 0
        let right = body.map(\.box.x1).max() ?? page.width
        var textItems: [Item] = []
        let (blocks, unruledCarry) = UnruledTables.blocks(
            lines, gap: options.columnGap, furniture: isFurniture,
            continued: continued, continuedAbove: grids.map { $0.ys[0] }.min() ?? .infinity)
        for block in blocks {
            for (line, placed, labelsOnly) in block.lines {
                let furniture = isFurniture(line)
                let location = SourceLocation(page: page.number, box: line.box, ocr: OCRReading.of(line.glyphs))
                var l: Line
                // Labels only in the furniture zone: a running header or a page number, not a table line.
                if let cells = placed, !(labelsOnly && furniture) {
                    l = Line(
                        cells: cells.map {
                            Cell(
                                $0.text,
                                location: SourceLocation(page: page.number, box: $0.box, ocr: OCRReading.of($0.glyphs)))
                        },
                        kind: .tableRow, page: page.number)
                    l.positional = !labelsOnly
                    l.labelsOnly = labelsOnly
                } else {
                    l = Line(
                        cells: [Cell(line.text, location: location)], kind: furniture ? .furniture : .prose,
                        page: page.number)
                    // A bare page number is nothing but furniture.
                    if furniture, Self.isPageNumber(line.text) { continue }
                }
                textItems.append(
                    Item(
                        line: l, box: line.box, fontSize: line.fontSize, furniture: furniture,
                        left: left, right: right))
            }
        }
        for item in textItems { placed.append((item.box.y0, [item])) }
        // What the next page may continue: the table lowest on the page, ruled or not, when nothing but
        // furniture follows it. A ruled table's last row can lose its top ruling line to the page before
        // (the line is drawn once, under the row above): alone on the next page it is no grid and needs the
        // columns of the grid it belongs to.
        let lastText = textItems.filter { !$0.furniture }.map(\.box.y1).max() ?? -.infinity
        let gridCarry = grids.max { $0.ys.last! < $1.ys.last! }.flatMap { grid -> UnruledTables.Columns? in
            let bottom = grid.ys.last!
            let sizes = glyphs.filter { grid.box.contains($0.box.midX, $0.box.midY) }.map {
                $0.fontSize > 0 ? $0.fontSize : $0.box.height
            }.sorted()
            guard lastText <= bottom, !sizes.isEmpty else { return nil }
            return UnruledTables.Columns(
                centres: zip(grid.xs, grid.xs.dropFirst()).map { ($0 + $1) / 2 }, em: sizes[sizes.count / 2],
                bottom: bottom)
        }
        let carry = [unruledCarry, gridCarry].compactMap { $0 }.max { $0.bottom < $1.bottom }
        return (placed.sorted { $0.y < $1.y }.flatMap(\.items), carry)
    }

    // MARK: - Paragraphs

    /// Joins prose lines that run to the right margin with the line after them (skipping page
    /// furniture, so a paragraph continues across a page break).
    func joinParagraphs(_ items: [Item]) -> [Line] {
        var out: [Line] = []
        var pendingFurniture: [Line] = []
        var open: Item?  // the paragraph being built
        func close() {
            if let p = open { out.append(p.line) }
            open = nil
            out += pendingFurniture
            pendingFurniture = []
        }
        for item in items {
            if item.furniture {
                if open != nil { pendingFurniture.append(item.line) } else { out.append(item.line) }
                continue
            }
            guard item.line.kind == .prose else {
                close()
                out.append(item.line)
                continue
            }
            if var p = open, p.fontSize > 0, continues(p, item) {
                let a = p.line.text, b = item.line.text
                let glue =
                    (a.last.map(ChineseText.isCJK) ?? false) || (b.first.map(ChineseText.isCJK) ?? false) ? "" : " "
                p.line.cells = [
                    Cell(
                        a + glue + b,
                        location: .joining(p.line.cells.first?.location, a, item.line.cells.first?.location, b))
                ]
                p.box = item.box
                p.left = item.left
                p.right = item.right
                open = p
                out += pendingFurniture
                pendingFurniture = []
                continue
            }
            close()
            open = item
        }
        close()
        return out
    }

    /// `3`, `- 3 -`, `— 3 —`, `第 3 页`, `3 / 9`: a page number.
    static func isPageNumber(_ text: String) -> Bool {
        let t = text.filter { !$0.isWhitespace && !"-－—–/第页共".contains($0) }
        return !t.isEmpty && t.count <= 6 && t.allSatisfy { $0.isASCII && $0.isNumber }
    }

    func continues(_ a: Item, _ b: Item) -> Bool {
        let em = max(a.fontSize, 1)
        // Only a real text column (15 em or wider) has a right margin to run into.
        guard a.right - a.left >= 15 * em else { return false }
        let full = a.box.x1 >= a.right - 1.5 * em
        let flush = b.box.x0 <= b.left + 0.6 * em
        let sameSize = abs(a.fontSize - b.fontSize) <= 1.5
        guard full, flush, sameSize, let last = a.line.text.last else { return false }
        if "。！？；：".contains(last) && a.box.x1 < a.right - 0.5 * em { return false }
        return !Headings.isItemHeading(b.line.text)
    }

    // MARK: - Which pages need their ruling lines

    /// Words that only a page holding one of the template's tables prints (headers and row labels).
    static let tableCues: [String] = [
        "信息内容", "第二十条", "申请人情况", "自然人", "本年新收", "上年结转", "予以公开", "部分公开", "不予公开", "国家秘密",
        "内部事务", "过程性信息", "执法案", "行政查询", "无法提供", "不掌握", "另行制作", "不予处理", "信访举报", "重复申请",
        "出版物", "大量反复", "重新出具", "其他处理", "逾期", "总计", "结转下年", "结果维持", "结果纠正", "尚未审结",
        "復議", "總計", "結果", "資訊", "申請",
        // The headings of sections 二, 三 and 四: their table may be a picture (`OCRPlan`).
        "主动公开政府信息情况", "收到和处理政府信息公开申请", "政府信息公开行政复议",
    ]

    /// Whether a page may hold a table, so that its ruling lines are worth recovering (rendering is
    /// most of a PDF's extraction cost): a table cue in its text, or many digits. Fixed here, not read
    /// from the rules, so that the layout stage depends on no rule file.
    @Sendable public static func mayHoldTable(_ glyphs: [Glyph]) -> Bool {
        var text = ""
        text.reserveCapacity(glyphs.count)
        var digits = 0
        for g in glyphs {
            text.append(g.character)
            if g.character.isNumber { digits += 1 }
        }
        return digits >= 60 || tableCues.contains { text.containsBytes($0) }
    }

    // MARK: - Orientation

    /// Turns a page whose text runs vertically (a table set sideways) upright.
    static func upright(_ page: PageGlyphs) -> PageGlyphs {
        var horizontal = 0, down = 0, up = 0
        let g = page.glyphs.filter { !$0.character.isWhitespace }
        for (a, b) in zip(g, g.dropFirst()) {
            let dx = b.box.midX - a.box.midX, dy = b.box.midY - a.box.midY
            let size = max(a.box.width, a.box.height, 1)
            guard abs(dx) + abs(dy) < 2.5 * size else { continue }
            if abs(dx) > abs(dy) * 2 {
                horizontal += 1
            } else if abs(dy) > abs(dx) * 2 {
                if dy > 0 { down += 1 } else { up += 1 }
            }
        }
        guard down + up >= 10, down + up > 2 * horizontal else { return page }
        let w = page.width, h = page.height
        // Text reading downwards was turned clockwise: x' = y, y' = w - x. Upwards: x' = h - y, y' = x.
        let clockwise = down >= up
        func map(_ b: Box) -> Box {
            clockwise
                ? Box(x0: b.y0, y0: w - b.x1, x1: b.y1, y1: w - b.x0)
                : Box(x0: h - b.y1, y0: b.x0, x1: h - b.y0, y1: b.x1)
        }
        return PageGlyphs(
            number: page.number, width: h, height: w,
            glyphs: page.glyphs.map {
                Glyph(character: $0.character, box: map($0.box), fontSize: $0.fontSize, ocr: $0.ocr)
            },
            rulingLines: page.rulingLines.map { r in
                let b = map(Box(x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1))
                return RulingLine(x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1)
            })
    }
}

extension FindingID {
    public static let noText = "no_text"
}
