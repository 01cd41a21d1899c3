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
            rows += "<tr><td colspan=\"3\">\(label)</td><td>2</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>1</td><td>3</td></tr>\n"
        }
        rows += "<tr><td rowspan=\"3\">三、本年度办理结果</td><td colspan=\"2\">（一）予以公开</td><td>4</td><td></td><td></td><td></td><td></td><td>2</td><td>6</td></tr>\n"
        rows += "<tr><td colspan=\"2\">（七）总计</td><td>4</td><td></td><td></td><td></td><td></td><td>2</td><td>6</td></tr>\n"
        rows += "<tr><td colspan=\"2\">（二）部分公开</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>\n"
        rows += "<tr><td colspan=\"3\">四、结转下年度继续办理</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>\n"
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
