"""Simplified -> traditional (only the characters used by the texts of the reports), and back."""

S2T_PAIRS = (  # the pairs the report texts need (checked by hand); other characters stay as they are
    "万萬 与與 专專 业業 严嚴 丰豐 临臨 为為 举舉 义義 乡鄉 书書 仓倉 众眾 优優 会會 体體 关關 兴興 内內 决決 况況 减減 几幾 "
    "则則 删刪 办辦 务務 动動 区區 华華 协協 单單 卫衛 厅廳 压壓 县縣 参參 发發 号號 吕呂 员員 团團 围圍 国國 图圖 场場 坚堅 "
    "壶壺 处處 复復 够夠 头頭 娄婁 宁寧 宝寶 实實 审審 对對 导導 寿壽 将將 属屬 岚嵐 岛島 广廣 庄莊 应應 废廢 开開 强強 归歸 "
    "当當 录錄 态態 总總 户戶 执執 护護 报報 拟擬 挥揮 据據 数數 断斷 无無 时時 晋晉 术術 机機 权權 条條 构構 标標 栏欄 档檔 "
    "检檢 楼樓 汉漢 沟溝 没沒 沧滄 泽澤 济濟 潍濰 灵靈 点點 烦煩 环環 现現 电電 畅暢 监監 码碼 确確 种種 称稱 稳穩 签簽 简簡 "
    "类類 纠糾 红紅 纳納 线線 组組 织織 经經 结結 绕繞 统統 继繼 绩績 续續 维維 综綜 编編 缴繳 网網 罚罰 联聯 芜蕪 获獲 补補 "
    "见見 规規 视視 计計 认認 训訓 议議 记記 许許 讼訟 设設 访訪 识識 诉訴 试試 话話 询詢 请請 读讀 调調 谈談 财財 责責 质質 "
    "购購 贵貴 费費 资資 赣贛 转轉 载載 较較 输輸 达達 过過 运運 这這 进進 遥遙 郑鄭 郸鄲 针針 铜銅 长長 门門 问問 阅閱 阳陽 "
    "陈陳 页頁 项項 顺順 预預 领領 频頻 题題 额額 鸡雞 齐齊"
)
S2T = {}
for pair in S2T_PAIRS.split():
    if len(pair) == 2 and pair[0] != pair[1]:
        S2T.setdefault(pair[0], pair[1])
# like the naive converters of real sites (seed 002: 屬于, 補正后, 規范性文件), keep these as they are
for ch in "于里后干系征面板台制准范松余谷只表并才致了":
    S2T.pop(ch, None)
S2T = {k: v for k, v in S2T.items() if k != v}
T2S = {v: k for k, v in S2T.items()}
T2S.update({"於": "于", "裏": "里", "後": "后", "製": "制", "係": "系", "準": "准", "範": "范", "幾": "几",
            "萬": "万", "臺": "台"})


def to_trad(s):
    return "".join(S2T.get(ch, ch) for ch in s)


def to_simp(s):
    return "".join(T2S.get(ch, ch) for ch in s)
