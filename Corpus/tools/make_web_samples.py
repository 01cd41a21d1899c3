#!/usr/bin/env python3
"""Writes the web-page and bad-input samples of Corpus/ and their expected files.

Each report is written from a truth table defined here: the expected JSON holds exactly the numbers
printed into the page (a blank cell is printed for a zero where the truth says so), never anything
read back by nianbao. Run from the repository root: python3 Corpus/tools/make_web_samples.py
"""
import json, os

CORPUS = os.path.join(os.path.dirname(__file__), "..")
COLS = ["natural", "commercial", "research", "nonprofit", "legal", "other", "total"]
FIELDS = [l.split("\t") for l in open(os.path.join(CORPUS, "..", "Pipelines", "fields.tsv"), encoding="utf-8").read().splitlines()[1:]]

ROWS_2021 = [
    ("new_received", "一、本年新收政府信息公开申请数量", None), ("carried_over", "二、上年结转政府信息公开申请数量", None),
    ("granted", "（一）予以公开", "three"), ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "three"),
    ("denied.state_secret", "1.属于国家秘密", "（三）不予公开"), ("denied.law_prohibited", "2.其他法律行政法规禁止公开", "（三）不予公开"),
    ("denied.security_stability", "3.危及“三安全一稳定”", "（三）不予公开"), ("denied.third_party_rights", "4.保护第三方合法权益", "（三）不予公开"),
    ("denied.internal_affairs", "5.属于三类内部事务信息", "（三）不予公开"), ("denied.process_info", "6.属于四类过程性信息", "（三）不予公开"),
    ("denied.enforcement_case", "7.属于行政执法案卷", "（三）不予公开"), ("denied.admin_query", "8.属于行政查询事项", "（三）不予公开"),
    ("unavailable.not_held", "1.本机关不掌握相关政府信息", "（四）无法提供"), ("unavailable.needs_creation", "2.没有现成信息需要另行制作", "（四）无法提供"),
    ("unavailable.unclear", "3.补正后申请内容仍不明确", "（四）无法提供"),
    ("not_processed.complaint", "1.信访举报投诉类申请", "（五）不予处理"), ("not_processed.repeated", "2.重复申请", "（五）不予处理"),
    ("not_processed.publication", "3.要求提供公开出版物", "（五）不予处理"), ("not_processed.excessive", "4.无正当理由大量反复申请", "（五）不予处理"),
    ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理"),
    ("other_handling.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("other_handling.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("other_handling.other", "3.其他", "（六）其他处理"),
    ("results_total", "（七）总计", "three"), ("carried_forward", "四、结转下年度继续办理", None),
]
ROWS_2019 = [r for r in ROWS_2021 if not r[0].startswith("other_handling.")]
ROWS_2019.insert(ROWS_2019.index(next(r for r in ROWS_2019 if r[0] == "results_total")), ("other_handling", "（六）其他处理", "three"))


def table3(rows, values, blank_zero):
    """Table 三 as an HTML grid with the template's merged cells; `values` maps row key → 7 numbers."""
    out = ['<table border="1" cellspacing="0">',
           '<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'
           '<td colspan="7">申请人情况</td></tr>',
           '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
           '<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>']
    n_result_rows = sum(1 for r in rows if r[2] not in (None,))
    groups = {}
    for key, label, group in rows:
        if group and group != "three":
            groups[group] = groups.get(group, 0) + 1
    seen_groups = set()
    first_result = True
    for key, label, group in rows:
        cells = "".join("<td>%s</td>" % ("&nbsp;" if (v == 0 and blank_zero) else format(v, ",")) for v in values[key])
        if group is None:
            out.append('<tr><td colspan="3">%s</td>%s</tr>' % (label, cells))
            continue
        lead = ""
        if first_result:
            lead = '<td rowspan="%d">三、本年度办理结果</td>' % n_result_rows
            first_result = False
        if group == "three":
            out.append('<tr>%s<td colspan="2">%s</td>%s</tr>' % (lead, label, cells))
        else:
            if group not in seen_groups:
                seen_groups.add(group)
                lead += '<td rowspan="%d">%s</td>' % (groups[group], group)
            out.append('<tr>%s<td>%s</td>%s</tr>' % (lead, label, cells))
    out.append("</table>")
    return "\n".join(out)


def table4(values):
    head = ('<table border="1"><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>'
            '<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td>'
            '<td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr><tr>'
            + "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>" * 2 + "</tr>")
    return head + "<tr>" + "".join("<td>%d</td>" % v for v in values) + "</tr></table>"


def small(heading, header, rows):
    out = ['<table border="1"><tr><td colspan="%d">%s</td></tr>' % (len(header), heading),
           "<tr>" + "".join("<td>%s</td>" % h for h in header) + "</tr>"]
    for label, vals in rows:
        out.append("<tr><td>%s</td>%s</tr>" % (label, "".join("<td>%s</td>" % v for v in vals)))
    return "\n".join(out) + "</table>"


def apps_values(rows, spec):
    """spec: row key → 6 applicant numbers; totals are the row sums unless overridden as a 7th value."""
    values = {}
    for key, _, _ in rows:
        v = list(spec.get(key, [0] * 6))
        if len(v) == 6:
            v.append(sum(v))
        values[key] = v
    return values


def fields_of(template, active, values, review):
    f = {}
    for fid, sec, tpls, typ, label in FIELDS:
        if template not in tpls.split(","):
            continue
        if fid.startswith("active."):
            f[fid] = active[fid]
        elif fid.startswith("apps."):
            row, col = fid[5:].rsplit(".", 1)
            f[fid] = values[row][COLS.index(col)]
        else:
            g, c = fid.split(".")
            gi = ["review", "suit_direct", "suit_after_review"].index(g)
            f[fid] = review[gi * 5 + ["upheld", "corrected", "other", "pending", "total"].index(c)]
    return f


CHROME_TOP = ('<div class="top-nav"><a>首页</a> | <a>政务公开</a> | <a>政民互动</a></div>'
              '<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开年报</div>')
CHROME_BOTTOM = ('<div class="share">分享到：微信 微博</div><p>扫一扫在手机打开当前页面</p>'
                 '<div id="footer"><p>主办单位：{body}办公室</p><p>网站标识码：1410000039 晋ICP备05003731号</p></div>')


def write(name, html, encoding, truth):
    with open(os.path.join(CORPUS, name), "wb") as fh:
        fh.write(html.encode(encoding))
    with open(os.path.join(CORPUS, "expected", name.rsplit(".", 1)[0] + ".json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")


def web_2021():
    """A 2022 report of a district, saved from its site as GBK, with blank cells for zeros and a
    review table that breaks its own total (10 + 1 printed with 总计 0, as 洪泽区 2023 did)."""
    body = "华阳市南湖区人民政府"
    spec = {"new_received": [41, 12, 0, 1, 3, 2], "carried_over": [2, 1, 0, 0, 0, 0],
            "granted": [20, 6, 0, 1, 1, 0], "partially_granted": [3, 1, 0, 0, 0, 0],
            "denied.third_party_rights": [2, 0, 0, 0, 0, 0], "denied.process_info": [1, 1, 0, 0, 0, 0],
            "unavailable.not_held": [9, 3, 0, 0, 2, 1], "not_processed.repeated": [2, 0, 0, 0, 0, 0],
            "other_handling.no_correction": [1, 0, 0, 0, 0, 1],
            "results_total": [38, 11, 0, 1, 3, 2], "carried_forward": [5, 2, 0, 0, 0, 0]}
    values = apps_values(ROWS_2021, spec)
    review = [10, 1, 0, 0, 0, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0]
    active = {"active.rules.issued": 0, "active.rules.repealed": 0, "active.rules.in_force": 0,
              "active.normative.issued": 14, "active.normative.repealed": 3, "active.normative.in_force": 86,
              "active.licensing.decisions": 12873, "active.penalty.decisions": 2310, "active.coercion.decisions": 45,
              "active.fees.amount": 36.72}
    t2 = "\n".join([
        small("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
              [("规章", ["&nbsp;"] * 3), ("行政规范性文件", [14, 3, 86])]),
        small("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", ["12,873"])]),
        small("第二十条第（六）项", ["信息内容", "本年处理决定数量"], [("行政处罚", ["2,310"]), ("行政强制", [45])]),
        small("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", ["36.72"])]),
    ])
    html = f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{body}2022年政府信息公开工作年度报告</title><script>var share = "<p>分享</p>";</script></head><body>
{CHROME_TOP}
<h1>华阳市南湖区2022年政府信息公开工作年度报告</h1>
<p>本报告由华阳市南湖区人民政府办公室编制。报告所列数据统计期限自2022年1月1日起至2022年12月31日止。</p>
<p><strong>一、总体情况</strong></p>
<p>2022年，南湖区共收到政府信息公开申请68件，其中自然人申请41件，均在法定期限内答复。</p>
<p><strong>二、主动公开政府信息情况</strong></p>
{t2}
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>
{table3(ROWS_2021, values, blank_zero=True)}
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>
{table4(review)}
<p><strong>五、存在的主要问题及改进情况</strong></p>
<p>一是政策解读形式较为单一；二是基层政务公开标准化建设有待加强。</p>
<p><strong>六、其他需要报告的事项</strong></p>
<p>本年度未收取信息处理费。</p>
<p style="text-align:right">华阳市南湖区人民政府办公室</p><p style="text-align:right">2023年1月18日</p>
{CHROME_BOTTOM.format(body=body)}
</body></html>"""
    truth = {"source": "web_2021_gbk_blank_zeros.html", "template": "2021", "year": 2022, "issuer": body,
             "fields": fields_of("2021", active, values, review),
             "violations": [{"rule": "review_total", "where": ["review"]}]}
    write("web_2021_gbk_blank_zeros.html", html, "gbk", truth)


def web_2019():
    """A 2019 report in the 2019 template (UTF-8): 本年新制作数量…, 第（九）项 政府集中采购 with the
    amount printed in 元, and （六）其他处理 as one row."""
    body = "青川县人民政府"
    spec = {"new_received": [7, 1, 0, 0, 0, 0], "granted": [4, 1, 0, 0, 0, 0],
            "unavailable.not_held": [2, 0, 0, 0, 0, 0], "other_handling": [1, 0, 0, 0, 0, 0],
            "results_total": [7, 1, 0, 0, 0, 0]}
    values = apps_values(ROWS_2019, spec)
    review = [1, 0, 0, 0, 1] + [0] * 10
    active = {"active.rules.made": 0, "active.rules.published": 0, "active.rules.total_public": 0,
              "active.normative.made": 5, "active.normative.published": 5, "active.normative.total_public": 61,
              "active.licensing.prev_items": 212, "active.licensing.change": -6, "active.licensing.decisions": 3402,
              "active.other_services.prev_items": 31, "active.other_services.change": 2, "active.other_services.decisions": 118,
              "active.penalty.prev_items": 1420, "active.penalty.change": 15, "active.penalty.decisions": 377,
              "active.coercion.prev_items": 36, "active.coercion.change": 0, "active.coercion.decisions": 12,
              "active.fees.prev_items": 9, "active.fees.change": -1,
              "active.procurement.items": 23, "active.procurement.amount": 125.5}
    hdr = ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]
    t2 = "\n".join([
        small("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
              [("规章", [0, 0, 0]), ("规范性文件", [5, 5, 61])]),
        small("第二十条第（五）项", hdr, [("行政许可", [212, -6, "3,402"]), ("其他对外管理服务事项", [31, 2, 118])]),
        small("第二十条第（六）项", hdr, [("行政处罚", ["1,420", 15, 377]), ("行政强制", [36, 0, 12])]),
        small("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"], [("行政事业性收费", [9, -1])]),
        small("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], [("政府集中采购", [23, "1,255,000元"])]),
    ])
    html = f"""<html><head><meta charset="utf-8"></head><body>
<div class="nav">首页 | 信息公开</div>
<p>青川县2019年政府信息公开工作年度报告</p>
<p>本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式（试行）〉的通知》（国办公开办函〔2019〕60号）编制。报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。</p>
<p>一、总体情况</p><p>2019年，青川县认真贯彻落实新修订的《条例》。</p>
<p>二、主动公开政府信息情况</p>
{t2}
<p>三、收到和处理政府信息公开申请情况</p>
{table3(ROWS_2019, values, blank_zero=False)}
<p>四、政府信息公开行政复议、行政诉讼情况</p>
{table4(review)}
<p>五、存在的主要问题及改进情况</p><p>公开内容的针对性仍需加强。</p>
<p>六、其他需要报告的事项</p><p>无。</p>
<p>青川县人民政府办公室</p><p>2020年1月15日</p>
</body></html>"""
    truth = {"source": "web_2019_template.html", "template": "2019", "year": 2019, "issuer": body,
             "fields": fields_of("2019", active, values, review), "violations": []}
    write("web_2019_template.html", html, "utf-8", truth)


def bad_inputs():
    for name, data in [("bad_empty.txt", b""), ("bad_binary.txt", bytes(range(256)) * 8)]:
        with open(os.path.join(CORPUS, name), "wb") as fh:
            fh.write(data)
        with open(os.path.join(CORPUS, "expected", name.rsplit(".", 1)[0] + ".json"), "w", encoding="utf-8") as fh:
            json.dump({"source": name, "unreadable": True, "template": None, "year": None, "issuer": None,
                       "fields": {}, "violations": []}, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.write("\n")


if __name__ == "__main__":
    web_2021()
    web_2019()
    bad_inputs()
