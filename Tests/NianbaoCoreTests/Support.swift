import Foundation
import NianbaoTestSupport

@testable import NianbaoCore

/// The project's own rules (Pipelines/), loaded once.
let defaultRules: RuleSet = projectRules

let defaultPipeline: Pipeline = try! Pipeline(rules: defaultRules)

func cleaner(_ edit: (inout CleanupRules) -> Void = { _ in }) -> Cleaner {
    var rules = defaultRules.cleanup
    edit(&rules)
    return try! Cleaner(rules: rules)
}

/// Cleans text as a text input would be cleaned and returns the lines' texts.
func cleanLines(_ text: String) -> (lines: [String], repairs: [String: Int]) {
    let doc = cleaner().clean(PlainTextReader.read(text))
    return (doc.lines.map(\.text), doc.repairs)
}

/// Runs the whole pipeline over a text report.
func processText(_ text: String, name: String = "test.txt") -> ReportResult {
    defaultPipeline.process(name: name, bytes: Array(text.utf8), kind: .text)
}

func processHTML(_ html: String, name: String = "test.html") -> ReportResult {
    defaultPipeline.process(name: name, bytes: Array(html.utf8), kind: .html)
}

extension ReportResult {
    func int(_ id: String) -> Int? { fields[id].map { NSDecimalNumber(decimal: $0).intValue } }
    func findings(_ rule: String) -> [Finding] { findings.filter { $0.rule == rule } }
    var errorRules: Set<String> { Set(findings.filter { $0.severity == .error }.map(\.rule)) }
}

/// A table 三 row as tab-separated text.
func appsRow(_ label: String, _ values: [Int?]) -> String {
    ([label] + values.map { $0.map(String.init) ?? "" }).joined(separator: "\t")
}

/// A minimal but complete 2021-template report whose table 三 rows and table 四 values are given;
/// every other row of table 三 is printed as zeros. `rows` maps a printed label to its cells.
func report(year: Int = 2022, rows overrides: [String: String] = [:], review: String? = nil) -> String {
    let labels = [
        "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1.属于国家秘密", "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
        "8.属于行政查询事项", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他", "（七）总计", "四、结转下年度继续办理",
    ]
    let zeros = [0, 0, 0, 0, 0, 0, 0].map(String.init).joined(separator: "\t")
    let table3 = labels.map { label in overrides[label] ?? (label + "\t" + zeros) }.joined(separator: "\n")
    return """
        测试县\(year)年政府信息公开工作年度报告
        本报告所列数据统计期限自\(year)年1月1日起至\(year)年12月31日止。
        一、总体情况
        \(year)年，测试县人民政府持续推进政务公开。
        二、主动公开政府信息情况
        第二十条第（一）项
        信息内容\t本年制发件数\t本年废止件数\t现行有效件数
        规章\t0\t0\t0
        行政规范性文件\t3\t1\t20
        第二十条第（五）项
        信息内容\t本年处理决定数量
        行政许可\t1,234
        第二十条第（六）项
        信息内容\t本年处理决定数量
        行政处罚\t56
        行政强制\t7
        第二十条第（八）项
        信息内容\t本年收费金额（单位：万元）
        行政事业性收费\t4.5
        三、收到和处理政府信息公开申请情况
        （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况
        \t自然人\t法人或其他组织\t\t\t\t\t总计
        \t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他
        \(table3)
        四、政府信息公开行政复议、行政诉讼情况
        行政复议\t行政诉讼
        结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉
        \(review ?? "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0")
        五、存在的主要问题及改进情况
        一是公开质量有待提高。
        六、其他需要报告的事项
        无
        测试县人民政府办公室
        \(year + 1)年1月20日
        """
}
