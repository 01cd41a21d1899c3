import Foundation

@testable import NianbaoCore

/// Sets a report the way a PDF without table rules reaches the layout stage: headings and labels as
/// lines of text, each table value centred on its column, blank cells left empty.
struct UnruledReport {
    var pages: [Typesetter] = [Typesetter(size: 10)]
    var y = 60.0
    /// Centres of table 三's seven value columns.
    static let columns: [Double] = (0..<7).map { 260 + Double($0) * 40 }
    /// Centres of table 四's fifteen columns.
    static let reviewColumns: [Double] = (0..<15).map { 60 + Double($0) * 34 }

    init(year: Int = 2022) {
        line("测试县\(year)年政府信息公开工作年度报告", x: 120)
        line("本报告所列数据统计期限自\(year)年1月1日起至\(year)年12月31日止。")
    }

    var t: Typesetter {
        get { pages[pages.count - 1] }
        set { pages[pages.count - 1] = newValue }
    }

    mutating func line(_ text: String, x: Double = 40) {
        t.text(text, x: x, y: y)
        y += 16
    }

    /// Text centred on `x`.
    mutating func centred(_ text: String, on x: Double, spacing: Double = 0) {
        let width = text.reduce(0.0) { $0 + ($1.isASCII ? 5 : 10) } + spacing * Double(max(text.count - 1, 0))
        t.text(text, x: x - width / 2, y: y, spacing: spacing)
    }

    /// Table 三's column headers (two characters each, so that they fit their columns).
    mutating func header(_ names: [String] = ["自然", "商业", "科研", "公益", "法律", "其他", "总计"]) {
        for (x, name) in zip(Self.columns, names) { centred(name, on: x) }
        y += 16
    }

    /// A row: its label, and its values on the columns (nil: a blank cell).
    mutating func row(_ label: String, _ values: [Int?] = Array(repeating: nil, count: 7), columns: [Double] = columns)
    {
        t.text(label, x: 40, y: y)
        for (x, v) in zip(columns, values) { if let v { centred(String(v), on: x) } }
        y += 16
    }

    mutating func newPage() {
        pages.append(Typesetter(size: 10))
        y = 90
    }

    var glyphs: [PageGlyphs] { pages.enumerated().map { $1.page($0 + 1) } }

    func process() throws -> ReportResult {
        let pages = glyphs
        return try Pipeline(rules: defaultRules, pdfReader: { _, _ in pages }).process(
            name: "t.pdf", bytes: [1], kind: .pdf)
    }

    func layout() -> [Line] { PageLayout().layout(glyphs).lines }

    /// The labels of table 三 in the 2021 template, short enough for the label column (the long ones
    /// wrapped over two lines, as a narrow cell wraps them).
    static let table3: [[String]] = [
        ["一、本年新收政府信息公开申请数量"], ["二、上年结转政府信息公开申请数量"], ["（一）予以公开"],
        ["（二）部分公开（区分处理的，只计这", "一情形，不计其他情形）"], ["1.属于国家秘密"], ["2.其他法律行政法规禁止公开"],
        ["3.危及“三安全一稳定”"], ["4.保护第三方合法权益"], ["5.属于三类内部事务信息"], ["6.属于四类过程性信息"],
        ["7.属于行政执法案卷"], ["8.属于行政查询事项"], ["1.本机关不掌握相关政府信息"], ["2.没有现成信息需要另行制作"],
        ["3.补正后申请内容仍不明确"], ["1.信访举报投诉类申请"], ["2.重复申请"], ["3.要求提供公开出版物"],
        ["4.无正当理由大量反复申请"], ["5.要求行政机关确认或重新", "出具已获取信息"],
        ["1.申请人无正当理由逾期不补正、", "行政机关不再处理其政府信息公开申请"],
        ["2.申请人逾期未按收费通知要求缴纳", "费用、行政机关不再处理其政府信息公开申请"], ["3.其他"], ["（七）总计"],
        ["四、结转下年度继续办理"],
    ]
}
