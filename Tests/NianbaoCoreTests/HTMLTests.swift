import Foundation
import NianbaoTestSupport
import Testing

@testable import NianbaoCore

@Suite struct HTMLTests {
    @Test func paragraphsInReadingOrderAndChromeDropped() {
        let html = """
            <html><head><title>x</title><style>p{}</style><script>var a="<p>no</p>";</script></head><body>
            <div class="nav">首页 | 政务公开</div>
            <h1>测试县2022年政府信息公开工作年度报告</h1>
            <p>一、总体情况</p><p>全年&nbsp;共收到申请&lt;11&gt;件&#65292;&#x5168;部办结。</p>
            <div class="share-bar">分享到：微信</div>
            <footer>主办单位：测试县人民政府办公室</footer>
            </body></html>
            """
        let texts = HTMLReader.read(html).lines.map(\.text)
        #expect(texts == ["测试县2022年政府信息公开工作年度报告", "一、总体情况", "全年 共收到申请<11>件，全部办结。"])
    }

    @Test func gridHonoursRowspanAndColspan() {
        let html = """
            <table>
            <tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>2</td><td>&nbsp;</td></tr>
            <tr><td>（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>1</td></tr>
            </table>
            """
        let lines = HTMLReader.read(html).lines
        #expect(lines.count == 2)
        #expect(lines[0].cells.map(\.text) == ["三、本年度办理结果", "（一）予以公开", "", "2", " "].map { $0 == " " ? "" : $0 })
        #expect(lines[0].cells[2].spanned)
        #expect(!lines[0].cells[4].spanned)
        #expect(lines[1].cells.map(\.text) == ["", "（三）不予公开", "1.属于国家秘密", "0", "1"])
        #expect(lines[1].cells[0].spanned)
    }

    @Test func wrappedLabelInsideACellIsOneCell() {
        let lines = HTMLReader.read("<table><tr><td>商业<br>企业</td><td><p>科研</p><p>机构</p></td></tr></table>").lines
        #expect(lines[0].cells.map(\.text) == ["商业企业", "科研机构"])
    }

    @Test func layoutTablesAreReadAsBlocks() {
        let html = "<table><tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>"
        let lines = HTMLReader.read(html).lines
        #expect(lines.map(\.text) == ["一、总体情况", "规章\t0"])
        #expect(lines[1].kind == .tableRow)
    }

    @Test func anHTMLReportEndToEnd() {
        var rows = ""
        let labels = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"]
        for label in labels {
            rows +=
                "<tr><td colspan=\"3\">\(label)</td><td>2</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>1</td><td>3</td></tr>\n"
        }
        rows +=
            "<tr><td rowspan=\"3\">三、本年度办理结果</td><td colspan=\"2\">（一）予以公开</td><td>4</td><td></td><td></td><td></td><td></td><td>2</td><td>6</td></tr>\n"
        rows +=
            "<tr><td colspan=\"2\">（七）总计</td><td>4</td><td></td><td></td><td></td><td></td><td>2</td><td>6</td></tr>\n"
        rows +=
            "<tr><td colspan=\"2\">（二）部分公开</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>\n"
        rows +=
            "<tr><td colspan=\"3\">四、结转下年度继续办理</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>\n"
        let html = """
            <html><meta charset="utf-8"><body>
            <p>測試市人民政府2023年政府信息公開工作年度報告</p>
            <p>本報告所列數據統計期限自2023年1月1日至2023年12月31日。</p>
            <p>三、收到和處理政府信息公開申請情況</p>
            <table border="1">\(rows)</table>
            <p>四、政府信息公开行政复议、行政诉讼情况</p>
            </body></html>
            """
        let r = processHTML(html)
        #expect(r.year == 2023)
        #expect(r.int("apps.new_received.natural") == 2)
        #expect(r.int("apps.new_received.commercial") == 0)
        #expect(r.int("apps.new_received.other") == 1)
        #expect(r.int("apps.new_received.total") == 3)
        #expect(r.int("apps.granted.total") == 6)
        #expect(r.int("apps.partially_granted.natural") == 0)
        #expect(r.issuer == "测试市人民政府")
        // 一 + 二 = （七）总计 + 四 holds in every column; the rows not printed leave outcome_sum unchecked.
        #expect(r.errorRules.isEmpty)
        #expect(r.fields["apps.denied.state_secret.natural"] == nil)
    }
}

/// Real government pages: what their editors and content systems (TRS, Word's "save as web page") put
/// around the report's text.
@Suite struct RealWorldHTMLTests {
    func texts(_ html: String) -> [String] { HTMLReader.read(html).lines.map(\.text) }

    /// Nothing of the markup, scripts or styles may reach the text.
    func expectNoMarkup(_ lines: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for line in lines {
            for leak in ["<", ">", "style", "mso-", "var ", "document.", "font-family", "![", "endif"] {
                #expect(!line.contains(leak), "markup leaked: \(line)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func trsPageWithScriptsAndParagraphWrappedCells() {
        let html = """
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
            <script type="text/javascript">
            var n = 3; if (n < 5 && n > 1) { document.write("<div class='share'>分享到</div>"); }
            var closing = "</div></td></tr></table>";
            </script></head><body>
            <div class="top-nav"><a href="/">首页</a></div>
            <div class=TRS_Editor><style type="text/css">.TRS_Editor P{margin-top:0;line-height:2;font-family:宋体;}</style>
            <p style="text-indent:2em">一、总体情况</p>
            <table border=1 cellspacing=0><tbody>
            <tr><td style="border:1px solid"><p style="text-align:center;line-height:150%"><span style="font-family:宋体;font-size:12pt">三、本</span></p>
            <p style="text-align:center"><span style="font-family:宋体">年度办</span></p><p style="text-align:center"><span>理结果</span></p></td>
            <td><p style="text-align:center"><span style="font-size:12pt">1</span></p></td></tr>
            </tbody></table></div>
            <script>for (var i = 0; i<10; i++) { if (a[i] <b) x = "</p>"; }</script>
            </body></html>
            """
        let lines = HTMLReader.read(html).lines
        #expect(lines.map(\.text) == ["一、总体情况", "三、本年度办理结果\t1"])
        #expect(lines[1].kind == .tableRow && lines[1].positional)
        expectNoMarkup(lines.map(\.text))
    }

    @Test func labelsSplitOverParagraphsAndSpansReadAsOneLabel() {
        let html = """
            <table><tr>
            <td><p>三、本</p>
                <p>年度办</p><p>理结果</p></td>
            <td>服<span>务</span></td>
            <td><span>（一）</span><span style="color:red">予以</span>公开</td>
            <td>12<br>34</td>
            <td>1.<br/>属于国家秘密</td>
            </tr></table>
            """
        #expect(texts(html) == ["三、本年度办理结果\t服务\t（一）予以公开\t12 34\t1.属于国家秘密"])
    }

    @Test func nbspRunsAreWhiteSpaceAndAnNbspCellIsBlank() {
        let html =
            "<table><tr><td>&nbsp; &nbsp;</td><td>&nbsp;&nbsp;12&nbsp;</td><td>自然&nbsp; &nbsp;人</td><td>&nbsp</td><td>&#160;</td></tr></table>"
        let lines = HTMLReader.read(html).lines
        #expect(lines.count == 1)
        #expect(lines[0].cells.map(\.text) == ["", "12", "自然人", "", ""])
        #expect(lines[0].cells.allSatisfy { !$0.spanned })
    }

    @Test func twoLineHeadersReadAsOneLabel() {
        let html = "<table><tr><td>结果<br/>维持</td><td>结果<br>纠正</td><td>其他<br />结果</td><td>尚未<BR>审结</td></tr></table>"
        #expect(texts(html) == ["结果维持\t结果纠正\t其他结果\t尚未审结"])
    }

    @Test func rowspan22AndColspan10GridWithoutTH() {
        var html = "<table border=1><tr><td colspan=10>申请人情况</td></tr>"
        html += "<tr><td rowspan=22>三、本年度办理结果</td><td>行0</td>" + (0..<8).map { "<td>\($0)</td>" }.joined() + "</tr>"
        for r in 1..<22 { html += "<tr><td>行\(r)</td>" + (0..<8).map { "<td>\(r * 10 + $0)</td>" }.joined() + "</tr>" }
        html += "<tr><td>四、结转</td><td>x</td>" + (0..<8).map { _ in "<td>0</td>" }.joined() + "</tr></table>"
        let lines = HTMLReader.read(html).lines
        #expect(lines.count == 24)
        #expect(lines.allSatisfy { $0.cells.count == 10 && $0.positional })
        #expect(lines[0].cells[0].text == "申请人情况" && lines[0].cells[1...].allSatisfy(\.spanned))
        #expect(lines[1].cells.prefix(3).map(\.text) == ["三、本年度办理结果", "行0", "0"])
        for r in 2...22 {
            #expect(lines[r].cells[0].spanned && lines[r].cells[0].text.isEmpty)
            #expect(lines[r].cells[1].text == "行\(r - 1)" && lines[r].cells[9].text == "\((r - 1) * 10 + 7)")
        }
        #expect(lines[23].cells.prefix(2).map(\.text) == ["四、结转", "x"] && !lines[23].cells[0].spanned)
    }

    @Test func entitiesInsideAttributes() {
        let html = """
            <p><a href="javascript:openWin(&#39;/xxgk/nb.html&#39;)" title='it&#39;s "x"'>查看年报</a></p>
            <table><tr><td class='a&#39;b' title="&lt;td&gt;">5</td><td onclick="if(a<b)show(&quot;x&quot;)">6</td></tr></table>
            """
        #expect(texts(html) == ["查看年报", "5\t6"])
    }

    @Test func wordSaveAsWebPage() {
        let html = """
            <html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
            <head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
            <!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View><w:Zoom>90</w:Zoom></w:WordDocument></xml><![endif]-->
            <style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-size:10.5pt; font-family:"Calibri",sans-serif;} --></style>
            </head><body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1 style='layout-grid:15.6pt'>
            <p class=MsoNormal><span lang=EN-US>2022</span><span style='font-family:宋体;mso-ascii-font-family:Calibri'>年，本机关<o:p></o:p></span>持续推进公开。</p>
            <p class=MsoListParagraph style='margin-left:18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US>1.<span
            style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]><span style='font-family:宋体'>本机关不掌握</span><o:p></o:p></p>
            <?xml:namespace prefix = st1 ns = "urn:schemas-microsoft-com:office:smarttags" />
            <p class=MsoNormal>统计期限自<st1:chsdate Year="2022" Month="1" Day="1" IsLunarDate="False" IsROCDate="False" w:st="on">2022年1月1日</st1:chsdate>起</p>
            <table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
            <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'><td width=100 valign=top style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'>
            <p class=MsoNormal align=center style='text-align:center'><span style='font-family:宋体'>商业<o:p></o:p></span></p>
            <p class=MsoNormal align=center><span style='font-family:宋体'>企业<o:p></o:p></span></p></td>
            <td><p class=MsoNormal><span lang=EN-US>3<o:p></o:p></span></p></td></tr>
            <![if !supportMisalignedColumns]><tr height=0><td width=100 style='border:none'></td><td width=50 style='border:none'></td></tr><![endif]>
            </table>
            <!--[if supportFields]><span style='mso-element:field-begin'></span>TOC \\o "1-3"<![endif]-->
            <p class=MsoNormal><o:p>&nbsp;</o:p></p>
            </div></body></html>
            """
        let lines = HTMLReader.read(html).lines
        #expect(lines.map(\.text) == ["2022年，本机关持续推进公开。", "1. 本机关不掌握", "统计期限自2022年1月1日起", "商业企业\t3", "\t"])
        expectNoMarkup(lines.map(\.text))
        #expect(!lines.contains { $0.text.contains("Print") || $0.text.contains("TOC") })
    }

    @Test func fontAndBoldInsideCells() {
        let html = """
            <table><tr><td><font face="宋体" size=2><b>一、本年新收</b>政府信息公开申请数量</font></td>
            <td><b><font color=#ff0000>12</font></b></td><td><strong><u>3</u></strong></td><td><FONT SIZE=2>&nbsp;</FONT></td></tr></table>
            """
        #expect(HTMLReader.read(html).lines.first?.cells.map(\.text) == ["一、本年新收政府信息公开申请数量", "12", "3", ""])
    }

    @Test func nestedLayoutTables() {
        let html = """
            <table width=100% class=main><tr><td>
              <table><tr><td class="left-menu"><a>机构概况</a></td>
                <td><h2>测试县2022年政府信息公开工作年度报告</h2>
                  <table border=1><tr><td><p>二、上年结转</p></td><td><p>0</p></td></tr>
                  <tr><td>三、本年度办理结果</td><td>5</td></tr></table>
                  <p>四、政府信息公开行政复议、行政诉讼情况</p>
                </td></tr></table>
            </td></tr><tr><td>主办：测试县人民政府</td></tr></table>
            """
        let lines = HTMLReader.read(html).lines
        #expect(
            lines.map(\.text) == [
                "测试县2022年政府信息公开工作年度报告", "二、上年结转\t0", "三、本年度办理结果\t5",
                "四、政府信息公开行政复议、行政诉讼情况", "主办：测试县人民政府",
            ])
        #expect(lines.map(\.kind) == [.prose, .tableRow, .tableRow, .prose, .prose])
    }

    @Test func unclosedCellsAndParagraphs() {
        let html = "<table><tr><td>规章<td>1<td>2<tr><td>行政规范性文件<td>3<td>4</table><p>五、存在的主要问题<p>一是"
        #expect(texts(html) == ["规章\t1\t2", "行政规范性文件\t3\t4", "五、存在的主要问题", "一是"])
    }

    @Test func textThatBrowsersDoNotShow() {
        #expect(HTMLReader.visibleText("<![if !supportLists]>1.<![endif]>本机关") == "1.本机关")
        #expect(HTMLReader.visibleText("a&nbspb&nbsp;c&amp") == "a\u{A0}b\u{A0}c&amp")
        #expect(HTMLReader.visibleText("<![ 没有结束") == "<![ 没有结束")
        // Many markers without an end stay linear.
        let many = String(repeating: "<![", count: 200_000)
        #expect(HTMLReader.visibleText(many) == many)
    }

    @Test func officePrefixedTagsAreRenamedNotMadeParagraphs() {
        var bytes = Array("<p>a<o:p></o:p><O:P>b</O:P><st1:chsdate x=1>c</st1:chsdate>d:e <a:b>".utf8)
        HTMLParser.renamePrefixedTags(&bytes)
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == "<p>a<o_p></o_p><O_P>b</O_P><st1_chsdate x=1>c</st1_chsdate>d:e <a_b>")
        #expect(texts("<p>一、总体<o:p></o:p>情况</p>") == ["一、总体情况"])
    }

    // MARK: Charsets

    /// `text` in `encoding`, through iconv.
    func encoded(_ text: String, as encoding: String) -> [UInt8] {
        let cd = iconv_open(encoding, "UTF-8")
        precondition(cd != iconv_t(bitPattern: -1), "iconv lacks \(encoding)")
        defer { iconv_close(cd) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2 + 16)
        var inLeft = input.count, outLeft = output.count
        let result = input.withUnsafeMutableBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                var ip = i.baseAddress, op = o.baseAddress
                return iconv(cd, &ip, &inLeft, &op, &outLeft)
            }
        }
        precondition(result != -1 && inLeft == 0, "cannot encode in \(encoding)")
        return output[0..<(output.count - outLeft)].map { UInt8(bitPattern: $0) }
    }

    func layoutTexts(_ bytes: [UInt8]) throws -> [String] {
        try defaultPipeline.layout(bytes, kind: .html).lines.map(\.text)
    }

    static let page = """
        <html><head>META<title>政府資訊公開工作年度報告</title></head><body>
        <p>臨汾市人民政府辦公室</p><table><tr><td>無正當理由大量反覆申請</td><td>裏</td></tr></table></body></html>
        """

    @Test func gbkDeclaredThroughHttpEquiv() throws {
        let html = Self.page.replacingOccurrences(
            of: "META", with: #"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#
        )
        .replacingOccurrences(of: "臨汾市人民政府辦公室", with: "临汾市人民政府办公室")
        .replacingOccurrences(of: "無正當理由大量反覆申請", with: "无正当理由大量反复申请").replacingOccurrences(of: "裏", with: "里")
        let bytes = encoded(html, as: "GBK")
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        #expect(try layoutTexts(bytes) == ["临汾市人民政府办公室", "无正当理由大量反复申请\t里"])
    }

    @Test func big5DeclaredInMeta() throws {
        let html = Self.page.replacingOccurrences(of: "META", with: #"<meta charset="big5">"#)
        let bytes = encoded(html, as: "BIG5-HKSCS")
        #expect(try layoutTexts(bytes) == ["臨汾市人民政府辦公室", "無正當理由大量反覆申請\t裏"])
        let decoded = try TextDecoding.decodeMarkup(bytes, declared: HTMLReader.declaredCharset(bytes))
        #expect(decoded.encoding == "Big5")
    }

    @Test func utf8MetaAndBOM() throws {
        let utf8 = Self.page.replacingOccurrences(of: "META", with: "<meta charset=utf-8>")
        #expect(try layoutTexts(Array(utf8.utf8)) == ["臨汾市人民政府辦公室", "無正當理由大量反覆申請\t裏"])
        // A byte-order mark wins over a declaration that says otherwise.
        let bom = Self.page.replacingOccurrences(of: "META", with: "<meta charset=gbk>")
        #expect(try layoutTexts([0xEF, 0xBB, 0xBF] + Array(bom.utf8)) == ["臨汾市人民政府辦公室", "無正當理由大量反覆申請\t裏"])
    }

    @Test func utf8PageStillDeclaringGB2312IsReadAsUTF8() throws {
        let html = Self.page.replacingOccurrences(
            of: "META", with: "<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">")
        #expect(try layoutTexts(Array(html.utf8)) == ["臨汾市人民政府辦公室", "無正當理由大量反覆申請\t裏"])
    }

    @Test func declaredCharsetForms() {
        #expect(HTMLReader.declaredCharset(Array("<meta charset = 'Big5' >".utf8)) == "big5")
        #expect(HTMLReader.declaredCharset(Array("<?xml version=\"1.0\" encoding=\"GB2312\"?><html>".utf8)) == "gb2312")
        #expect(HTMLReader.declaredCharset(Array("<p>charset</p><meta charset=x-gbk>".utf8)) == "x-gbk")
        #expect(TextDecoding.Charset(label: "x-x-big5") == .big5 && TextDecoding.Charset(label: "GB2312") == .gb18030)
        #expect(TextDecoding.Charset(label: "koi8-r") == nil)
    }

    /// The page's Chinese is judged on the text it shows: a real page's scripts and styles are many times
    /// its report, and a page that was garbled before is readable now.
    @Test func markupHeavyPageIsNotGarbled() throws {
        let script =
            "<script>"
            + String(
                repeating: "var config = {a: 1, b: [2, 3], c: 'x<y'}; function f(x) { return x > 1; }\n", count: 400)
            + "</script>"
        let style =
            "<style>" + String(repeating: ".content p { line-height: 2; font-family: SimSun; }\n", count: 400)
            + "</style>"
        let html = "<html><head>\(style)\(script)</head><body><p>测试县2022年政府信息公开工作年度报告</p>\(script)</body></html>"
        #expect(try layoutTexts(Array(html.utf8)) == ["测试县2022年政府信息公开工作年度报告"])
        #expect(throws: UnreadableDocument.self) { try TextDecoding.decode(Array(html.utf8)) }
    }

    /// The headline case: a TRS page whose cells wrap numbers in <p style> and whose labels are split,
    /// read end to end.
    @Test func trsReportEndToEnd() {
        func cell(_ text: String) -> String {
            "<td style=\"border:1px solid #000\"><p style=\"text-align:center;line-height:150%\"><span style=\"font-size:10.5pt;font-family:宋体\">\(text)</span></p></td>"
        }
        func row(_ label: String, _ values: [String]) -> String {
            let parts = label.split(separator: "|").map { "<p style=\"text-align:left\"><span>\($0)</span></p>" }
                .joined()
            return "<tr><td colspan=3 style=\"border:1px solid\">\(parts)</td>" + values.map(cell).joined() + "</tr>\n"
        }
        var rows = row("一、本年新收|政府信息公开申请数量", ["2", "&nbsp;", "&nbsp; &nbsp;", "", "", "1", "3"])
        rows += row("二、上年结转政府|信息公开申请数量", ["0", "0", "0", "0", "0", "0", "0"])
        rows +=
            "<tr><td rowspan=2 style=\"x\"><p>三、本年度</p><p>办理结果</p></td>" + "<td colspan=2><p>（一）予以公开</p></td>"
            + ["2", "", "", "", "", "1", "3"].map(cell).joined() + "</tr>\n"
        rows +=
            "<tr><td colspan=2><p>（七）总</p><p>计</p></td>" + ["2", "", "", "", "", "1", "3"].map(cell).joined()
            + "</tr>\n"
        rows += row("四、结转下年度|继续办理", ["0", "0", "0", "0", "0", "0", "0"])
        let html = """
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
            <script language="javascript">var s = "<table><tr><td>"; if (1 < 2) { s += "</td></tr></table>"; }</script></head>
            <body><div class=TRS_Editor>
            <p style="text-align:center"><span style="font-size:16pt">测试市人民政府2023年政府信息公开工作年度报告</span></p>
            <p>本报告所列数据统计期限自2023年1月1日至2023年12月31日。</p>
            <p>三、收到和处理政府信息公开申请情况</p>
            <table border=1 cellspacing=0 style="border-collapse:collapse">\(rows)</table>
            <p>四、政府信息公开行政复议、行政诉讼情况</p>
            </div></body></html>
            """
        let r = processHTML(html)
        #expect(r.unreadable == nil)
        #expect(r.year == 2023)
        #expect(r.int("apps.new_received.natural") == 2)
        #expect(r.int("apps.new_received.commercial") == 0)
        #expect(r.int("apps.new_received.total") == 3)
        #expect(r.int("apps.granted.total") == 3)
        #expect(r.int("apps.results_total.other") == 1)
        #expect(r.errorRules.isEmpty)
    }
}

/// Pathological pages: each must end, in bounded time and memory, as a layout or as an unreadable
/// document, never as a crash or a hang. Sizes are chosen so that a debug build runs them in seconds; the
/// bounds are loose enough for a shared machine and tight enough to catch quadratic work or a grid that
/// fills a span of 100000 rows.
@Suite struct PathologicalHTMLTests {
    struct Outcome {
        var document: LayoutDocument?
        var unreadable: UnreadableDocument?
        var seconds: Double
        var cells: Int { document?.lines.reduce(0) { $0 + $1.cells.count } ?? 0 }
    }

    func layout(_ bytes: [UInt8]) -> Outcome {
        let clock = ContinuousClock()
        var document: LayoutDocument?
        var unreadable: UnreadableDocument?
        let elapsed = clock.measure {
            do throws(UnreadableDocument) { document = try defaultPipeline.layout(bytes, kind: .html) } catch {
                unreadable = error
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Outcome(document: document, unreadable: unreadable, seconds: seconds)
    }

    static let limit = 20.0

    @Test func unclosedTagsEverywhere() {
        let html =
            "<html><body>" + String(repeating: "<div><table><tr><td><p><span><font><b>政府信息公开<td>1<tr>", count: 5000)
        let o = layout(Array(html.utf8))
        #expect(o.seconds < Self.limit)
        #expect(o.document != nil || o.unreadable != nil)
        #expect(o.cells < 100_000)
    }

    @Test func hundredThousandNestedElements() {
        let html =
            "<p>政府信息公开工作年度报告</p>" + String(repeating: "<div>", count: 100_000) + "深处"
            + String(repeating: "</div>", count: 100_000)
        let o = layout(Array(html.utf8))
        #expect(o.seconds < Self.limit)
        // Reading stops at 256 levels: what came before is read, and the document says it was cut short.
        #expect(o.document?.lines.first?.text == "政府信息公开工作年度报告")
        #expect(o.document?.findings.contains { $0.rule == FindingID.truncated } == true)

        let tables = "<p>政府信息公开</p>" + String(repeating: "<table><tr><td>表", count: 20_000)
        let t = layout(Array(tables.utf8))
        #expect(t.seconds < Self.limit)
        #expect(t.document != nil)
    }

    @Test func hugeRowspanAndColspan() {
        var html = "<p>政府信息公开</p><table>"
        for _ in 0..<300 {
            html += "<tr>" + String(repeating: #"<td rowspan="100000" colspan="100000">数</td>"#, count: 10) + "</tr>"
        }
        html += "</table><table><tr><td rowspan=100000>甲</td><td colspan=100000>乙</td></tr><tr><td>丙</td></tr></table>"
        let o = layout(Array(html.utf8))
        #expect(o.seconds < Self.limit)
        let cells = 300 * 10 + 3
        #expect(o.cells <= 2 * (HTMLReader.spanBudgetBase + (HTMLReader.spanBudgetPerCell + 1) * cells))
        // The spans a real table has are still honoured: the second table's 甲 covers its two rows.
        let last = o.document?.lines.suffix(2).map { $0.cells.prefix(2).map(\.text) }
        #expect(last == [["甲", "乙"], ["", "丙"]])
    }

    @Test func longSingleLine() {
        // 3 MB on one line, text and markup interleaved, no line break anywhere.
        let unit = "政府信息公开<span>申请</span>&nbsp;12<b>件</b>，"
        let html =
            "<html><body><p>" + String(repeating: unit, count: 3_000_000 / unit.utf8.count) + "</p></body></html>"
        let o = layout(Array(html.utf8))
        #expect(o.seconds < Self.limit)
        #expect(o.document?.lines.count == 1)
    }

    @Test func moreTextThanAnyReport() {
        // 5 MB of text in one paragraph: reading stops at 4 MB, and the page says so.
        let html = "<p>政府信息公开</p><p>" + String(repeating: "年报", count: 5_000_000 / 6) + "</p><p>后文</p>"
        let o = layout(Array(html.utf8))
        #expect(o.seconds < Self.limit)
        #expect(o.document?.findings.contains { $0.rule == FindingID.truncated } == true)
        #expect(o.document?.lines.contains { $0.text == "后文" } == false)
    }

    @Test func denseMarkup() {
        // 1.2 million elements and texts: reading stops at a million.
        let html = "<p>政府信息公开</p><p>" + String(repeating: "<span>年</span>", count: 600_000) + "</p>"
        let o = layout(Array(html.utf8))
        #expect(o.seconds < Self.limit)
        #expect(o.document?.findings.contains { $0.rule == FindingID.truncated } == true)
        #expect(o.document?.lines.first?.text == "政府信息公开")
    }

    @Test func binaryGarbageNamedHTML() {
        var random = SeededGenerator(seed: 42)
        let garbage = (0..<1_000_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        for bytes in [garbage, Array("<html><body>".utf8) + garbage, Array(repeating: 0, count: 100_000)] {
            let o = layout(bytes)
            #expect(o.seconds < Self.limit)
            #expect(o.unreadable != nil)
        }
    }

    @Test(arguments: [1, 2, 3])
    func tagSoup(seed: UInt64) {
        let pieces = [
            "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<td rowspan=99999>", "<th colspan=\"77777\">",
            "<p style=\"x\">", "</p>", "<br/>", "<div class=nav>", "</div>", "<script>", "</script>", "<!--", "-->",
            "<![if !supportLists]>", "<![endif]>", "<o:p>", "</o:p>", "&nbsp;", "&#39;", "&", "<", ">", "\"", "'",
            "政府", "信息", "公开", "12", " ", "\n", "<style>", "</style>", "<title>", "<span>", "</span>", "<?x ?>",
        ]
        var random = SeededGenerator(seed: seed)
        var html = ""
        for _ in 0..<100_000 { html += pieces[random.below(pieces.count)] }
        let o = layout(Array(html.utf8))
        #expect(o.seconds < Self.limit)
        #expect(o.document != nil || o.unreadable != nil)
        #expect(o.cells < 1_000_000)
    }
}

@Suite struct HTMLLinkChromeTests {
    @Test func listsOfLinksAreTheSitesNotTheReports() {
        let links = (1...12).map {
            "<li><a href=\"/a/\($0).shtml\" title=\"文章\($0)\">全市优化营商环境工作推进会召开第\($0)次</a><span class=\"date\">2024-01-\($0 < 10 ? "0" : "")\($0)</span></li>"
        }
        let html = """
            <html><body><div class="box"><ul>\(links.joined())</ul></div>
            <div class="article"><p>测试县2022年政府信息公开工作年度报告</p>
            <p>本报告所列数据统计期限自2022年1月1日起至2022年12月31日止，详见<a href="/x.pdf">附件</a>。</p></div>
            </body></html>
            """
        let r = processHTML(html)
        #expect(!r.text.contains("营商环境"))
        #expect(r.text.contains("统计期限自2022年1月1日起"))
        #expect(r.text.contains("附件"))
        #expect(r.year == 2022)
    }
}
