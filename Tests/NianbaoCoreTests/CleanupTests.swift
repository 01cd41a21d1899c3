import Foundation
import NianbaoTestSupport
import Synchronization
import Testing

@testable import NianbaoCore

@Suite struct CleanupTests {
    @Test func traditionalBecomesSimplified() {
        let (lines, repairs) = cleanLines("臨汾市人民政府辦公室\n總計\t辦理結果")
        #expect(lines == ["临汾市人民政府办公室", "总计\t办理结果"])
        #expect(repairs["transform.traditional_to_simplified"] == 6)  // 臨 辦 總 計 辦 結
    }

    @Test func simplifiedTextIsLeftAlone() {
        let text = "吕梁市离石区人民政府办公室\n一、总体情况"
        let (lines, repairs) = cleanLines(text)
        #expect(lines == ["吕梁市离石区人民政府办公室", "一、总体情况"])
        #expect(repairs["transform.traditional_to_simplified"] == nil)
    }

    @Test func fullwidthDigitsAndSeparatorsInNumbers() {
        let (lines, repairs) = cleanLines("行政许可\t１，２３４\n收费\t４．６６万元\n全年，共计")
        #expect(lines == ["行政许可\t1,234", "收费\t4.66万元", "全年，共计"])
        #expect(repairs["transform.fullwidth_digits"] == 9)  // １２３４ and ， ; ４６６ and ．
    }

    @Test func radicalsBecomeIdeographs() {
        let (lines, _) = cleanLines("⽅案\t⻔户网站")
        #expect(lines == ["方案\t门户网站"])
    }

    @Test func spacesInsideChineseWordsAreRemoved() {
        let (lines, repairs) = cleanLines("自 然 人\t自　然　人\n统计期限从 2022 年 1 月 1 日\n三、 本 年 度 办 理 结 果")
        #expect(lines == ["自然人\t自然人", "统计期限从2022年1月1日", "三、本年度办理结果"])
        #expect(repairs["transform.cjk_spacing", default: 0] >= 10)
    }

    @Test func spacesBetweenLatinWordsAndNumbersStay() {
        let (lines, _) = cleanLines("Word 文档 IE10.0 或以上\n1 2 3")
        #expect(lines.first == "Word 文档 IE10.0或以上")
    }

    @Test func markdownEmphasisIsRemoved() {
        let (lines, repairs) = cleanLines("主要表现在：**一是**政务公开队伍有待加强，**二是**解读质量有待提升。")
        #expect(lines == ["主要表现在：一是政务公开队伍有待加强，二是解读质量有待提升。"])
        #expect(repairs["noise.markdown_emphasis"] == 2)
    }

    @Test func strayQuestionMarksAroundNumbersAreRemoved() {
        let (lines, _) = cleanLines("9? | 0 | ?0 | 0? | ? 0 |\n?二、主动公开政府信息情况")
        #expect(lines == ["9\t0\t0\t0\t0", "二、主动公开政府信息情况"])
    }

    @Test func labelRepairsApplyToTablesOnly() {
        let table = "信息内容\t本年制发件数\t本年度止件数\t现行有效件数\n7. 属于行政执法案件\t0\t0\t0\t0\t0\t0\t0"
        let (lines, repairs) = cleanLines(table)
        #expect(lines == ["信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0"])
        #expect(repairs["label.repealed"] == 1 && repairs["label.enforcement_file"] == 1)
        let prose = "本年度共办理行政执法案件一千余件，全部按规定公开处理结果，并在政府网站集中公示，接受社会监督。"
        #expect(cleanLines(prose).lines == [prose])
    }

    @Test func itemNumbersWithDunAreNormalised() {
        let (lines, _) = cleanLines("1、属于国家秘密\t0\t0\t0\t0\t0\t0\t0")
        #expect(lines.first?.hasPrefix("1.属于国家秘密") == true)
    }

    @Test func webChromeAndPageNumbersAreDropped() {
        let text = """
            主办单位：山西省临汾市人民政府办公室 ? 版权所有
            分享到：
            扫一扫在手机打开当前页面
            晋ICP备05003731号 网站标识码:1410000039
            临汾市人民政府门户网站提示:使用大于1366*768分辨率/IE10.0或以上浏览器可以获得最佳浏览效果!
            一、总体情况
            - 4 -
            — 12 —
            第 3 页 共 9 页
            主办单位召开专题会议研究政务公开工作。
            """
        let (lines, repairs) = cleanLines(text)
        #expect(lines == ["一、总体情况", "主办单位召开专题会议研究政务公开工作。"])
        #expect(repairs["page.number"] == 2 && repairs["page.number_of"] == 1)
    }

    @Test func markdownTableRulesAreDropped() {
        #expect(cleanLines("行政复议\t行政诉讼\n------\t------\n结果维持").lines == ["行政复议\t行政诉讼", "结果维持"])
    }

    @Test func runningHeadersRepeatedOnEveryPageAreDropped() {
        let header = "某某县人民政府2022年政府信息公开工作年度报告（摘要）"
        let text = [header, "第一页的内容。", header, "第二页的内容。", header, "第三页的内容。"].joined(separator: "\n")
        let (lines, repairs) = cleanLines(text)
        #expect(!lines.contains(header))
        #expect(repairs["page.running_header"] == 3)
        // Twice is not a running header.
        #expect(cleanLines([header, "内容。", header].joined(separator: "\n")).lines.contains(header))
    }

    @Test func sentencesBrokenAcrossLinesAreJoined() {
        let text = "2022年全区上下坚持以人民为中心的发展思想，坚持以高质量推进\n\n政府治理体系和治理能力作为核心要求。"
        let (lines, repairs) = cleanLines(text)
        #expect(lines == ["2022年全区上下坚持以人民为中心的发展思想，坚持以高质量推进政府治理体系和治理能力作为核心要求。"])
        #expect(repairs["join.broken_line"] == 1)
    }

    @Test func headingsDatesAndFinishedSentencesAreNotJoined() {
        let text = """
            四、政府信息公开行政复议、行政诉讼情况
            本年度未发生行政复议、行政诉讼案件。
            吕梁市离石区人民政府办公室
            2023年1月12日
            不予公开属性的滥用，逐年压缩依申请公开文件的数量。
            华阳市南湖区2022年政府信息公开工作年度报告
            本报告由华阳市南湖区人民政府办公室编制。
            二、主动公开政府信息情况
            """
        #expect(cleanLines(text).lines.count == 8)
    }

    @Test func switchedOffTransformsDoNothing() {
        let c = cleaner {
            $0.transforms.joinCJKSpacing = false
            $0.transforms.traditionalToSimplified = false
        }
        let doc = c.clean(PlainTextReader.read("自 然 人 總計 辦理 結果"))
        #expect(doc.lines.map(\.text) == ["自 然 人 總計 辦理 結果"])
    }
}

/// Traditional → simplified through OpenCC's t2s (by phrase), ICU only as the fallback.
@Suite struct SimplifierTests {
    /// .ci/packages.txt installs OpenCC's data: without it every traditional report would silently get
    /// ICU's character-by-character conversion.
    @Test func openCCIsInUse() {
        guard case .openCC(let configuration) = ChineseText.simplifier else {
            Issue.record("OpenCC is not in use: \(ChineseText.simplifier)")
            return
        }
        #expect(configuration.hasSuffix("t2s.json"))
    }

    @Test(arguments: [
        ("無正當理由大量反覆申請", "无正当理由大量反复申请"),
        ("答覆", "答复"),
        ("行政復議", "行政复议"),
        ("裏面", "里面"),
        ("申請人逾期未按收費通知要求繳納費用", "申请人逾期未按收费通知要求缴纳费用"),
        ("本機關不掌握相關政府資訊", "本机关不掌握相关政府资讯"),
    ])
    func phrases(traditional: String, simplified: String) {
        #expect(ChineseText.simplified(traditional) == simplified)
    }

    /// Without OpenCC's configuration, opening fails with OpenCC's reason and ICU converts, character by
    /// character.
    @Test func icuIsTheFallback() {
        #expect(throws: OpenCCConverter.OpenError.self) { try OpenCCConverter(configuration: "/nonexistent/t2s.json") }
        #expect(ChineseText.simplified("臨汾市無正當理由大量反覆申請", using: nil) == "临汾市无正当理由大量反覆申请")
    }

    /// OpenCC's t2s must leave simplified text as it is, including the characters ICU's per-character
    /// transform gets wrong there (显著 → 显着, 乾隆 → 干隆).
    @Test func simplifiedTextIsUnchanged() throws {
        let samples = ["显著 著作权 干部 乾隆 乾坤 于是 了解 系数 佣金 皇后", "吕梁市离石区人民政府办公室\t一、总体情况\n（七）总计"]
        for text in samples { #expect(ChineseText.simplified(text) == text) }
        for name in ["000_84813c9e2f9c14b8", "001_a8d23b48448f5a19", "003_fdfecf9552ed6044", "004_32486a727a531b6f"] {
            let text = try String(
                contentsOf: repositoryRoot.appendingPathComponent("Corpus/\(name).txt"), encoding: .utf8)
            #expect(ChineseText.simplified(text) == text, "\(name) changed")
        }
    }

    @Test func aTraditionalReportGetsItsRowLabel() {
        let text = "臨汾市人民政府辦公室\n本機關\t處理結果\n4.無正當理由大量反覆申請\t0\t0\t0\t0\t0\t0\t0"
        let (lines, repairs) = cleanLines(text)
        #expect(lines == ["临汾市人民政府办公室", "本机关\t处理结果", "4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0"])
        #expect(repairs["transform.traditional_to_simplified"] == 10)  // 臨 辦 機 關 處 結 無 當 覆 請
    }

    /// One converter serves every worker: the same texts converted on many threads at once give what a
    /// serial run gives.
    @Test func concurrentConversionsMatchSerialOnes() throws {
        let base = try String(
            contentsOf: repositoryRoot.appendingPathComponent("Corpus/002_98d5d9cfaf16f11b.txt"), encoding: .utf8)
        let texts = (0..<16).map { i in String(base.dropFirst(i * 97)) + "反覆答覆裏面\(i)" }
        let serial = texts.map { ChineseText.simplified($0) }
        let results = Mutex<[Int: String?]>([:])
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let converted = ChineseText.simplified(texts[i % texts.count])
            results.withLock { $0[i] = converted }
        }
        let all = results.withLock { $0 }
        #expect(all.count == 64)
        for (i, converted) in all { #expect(converted == serial[i % texts.count]) }
    }
}
