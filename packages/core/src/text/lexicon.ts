import type { StageId, TypeId } from '../model/taxonomy.js';

/** One entry of the domain lexicon: a term and what it speaks for. */
export interface LexiconEntry {
  /** The term as written in Simplified Chinese (matched after normalisation). */
  readonly term: string;
  /** The type the term suggests (`none` for drill/tip/metaphor cues), if any. */
  readonly type?: TypeId;
  /** The stage the term suggests, if any. */
  readonly stage?: StageId;
  /** Prior strength 0..1: the feature value the term contributes; the model learns the sign and size. */
  readonly strength: number;
}

const t = (type: TypeId, strength: number, terms: string): LexiconEntry[] =>
  terms
    .split(/\s+/)
    .filter(Boolean)
    .map((term) => ({ term, type, strength }));
const s = (stage: StageId, strength: number, terms: string): LexiconEntry[] =>
  terms
    .split(/\s+/)
    .filter(Boolean)
    .map((term) => ({ term, stage, strength }));

/**
 * The team's domain lexicon for Inner Mongolia's hazards. Terms become features of the linear model
 * (so their weights are learned from the corpus) and name the evidence in explanations. Strong
 * terms (0.6) are near-unambiguous; weak ones (0.3) need company. The scale was chosen by 3-fold
 * cross-validation on the training data: at 0.6 the lexicon adds about five points of macro-F1
 * over n-grams alone; at 1.5 it over-rules the n-grams and loses two of them.
 */
export const DOMAIN_LEXICON: readonly LexiconEntry[] = [
  ...t(
    'flood',
    0.6,
    '暴雨 山洪 洪水 洪涝 内涝 凌汛 溃堤 溃坝 决口 超警戒水位 超警 洪峰 泄洪 漫堤 防汛 汛情 险情 被淹 淹没 行洪',
  ),
  ...t('flood', 0.3, '积水 强降雨 大到暴雨 降水 河水 水位 冲毁 倒灌 排涝 冰凌 开河'),
  ...t('drought', 0.6, '干旱 旱情 旱灾 抗旱 黑灾 缺墒 土壤缺墒 人畜饮水困难 饮水困难 气象干旱'),
  ...t('drought', 0.3, '少雨 无有效降水 降水偏少 牧草返青差 拉水 送水 墒情 干涸 断流'),
  ...t('sandstorm', 0.6, '沙尘暴 强沙尘暴 特强沙尘暴 扬沙 浮尘 沙尘天气 沙尘 黄沙漫天 沙尘过程'),
  ...t('sandstorm', 0.3, '能见度 起沙 漫天黄沙 沙尘预警 尘土'),
  ...t('snow-disaster', 0.6, '白灾 暴雪 暴风雪 白毛风 雪灾 积雪封路 大雪封路 牲畜受困 雪阻 降雪量'),
  ...t('snow-disaster', 0.3, '大雪 积雪 风吹雪 除雪 清雪 被困牧民 草场被雪覆盖 棚圈压塌'),
  ...t('cold-wave', 0.6, '寒潮 强降温 低温冻害 霜冻 道路结冰 冻害 剧烈降温 冷空气'),
  ...t('cold-wave', 0.3, '降温 气温骤降 零下 结冰 冻伤 冻死 最低气温 低温'),
  ...t('gale', 0.6, '大风 雷雨大风 龙卷风 狂风 阵风 大风蓝色预警 风力'),
  ...t('gale', 0.3, '刮倒 吹倒 刮飞 彩钢板 广告牌 级风 大风天气'),
  ...t('hail-lightning', 0.6, '冰雹 雷电 雷击 强对流 雹灾 雷暴'),
  ...t('hail-lightning', 0.3, '雹子 打雷 闪电 短时强降水 雷阵雨'),
  ...t('heat', 0.6, '高温 酷暑 中暑 热浪 高温预警 极端高温'),
  ...t('heat', 0.3, '气温超过 40℃ 35℃ 闷热 防暑 降温'),
  ...t('fog-haze', 0.6, '大雾 浓雾 团雾 霾 雾霾 重污染天气'),
  ...t('fog-haze', 0.3, '能见度不足 能见度低于 高速封闭 空气质量'),
  ...t('earthquake', 0.6, '地震 震级 震中 余震 有感 震源深度 地震台网 级地震'),
  ...t('earthquake', 0.3, '震感 摇晃 晃动 震后'),
  ...t('geological', 0.6, '滑坡 泥石流 崩塌 地面塌陷 地裂缝 山体滑坡 地质灾害'),
  ...t('geological', 0.3, '塌陷 落石 隐患点 山体'),
  ...t('wildfire', 0.6, '草原火灾 森林火灾 草原火 荒火 林火 火场 境外火 山火 森林草原火灾 过火面积 明火'),
  ...t('wildfire', 0.3, '扑火 防火期 火险 烟点 热点 森林消防 火线 打火'),
  ...t('biological', 0.6, '蝗灾 蝗虫 鼠害 草原鼠害 虫害 病虫害 草地螟 黏虫'),
  ...t('biological', 0.3, '灭鼠 防治 虫口密度 飞防'),
  ...t('mining', 0.6, '煤矿 矿井 井下 透水 冒顶 瓦斯 瓦斯爆炸 露天矿 尾矿库 矿工 采空区 矿山救护队 非煤矿山'),
  ...t('mining', 0.3, '边坡 坍塌 采矿 煤业 工作面 巷道 矿难'),
  ...t('hazchem', 0.6, '危化品 危险化学品 化工厂 化工园区 泄漏 储罐 氨气 氯气 硫化氢 有毒气体 烟花爆竹 槽罐车'),
  ...t('hazchem', 0.3, '爆炸 化工 中毒窒息 罐车 闪爆 异味'),
  ...t('workplace', 0.6, '机械伤害 高处坠落 有限空间 粉尘爆炸 塔吊 施工坍塌 脚手架 工地 施工现场 工伤'),
  ...t('workplace', 0.3, '工人 作业 车间 厂房 工厂 施工'),
  ...t('fire', 0.6, '火灾 起火 着火 失火 火情 浓烟 消防救援 明火扑灭 烧毁'),
  ...t('fire', 0.3, '冒烟 燃烧 仓库 商铺 居民楼 车辆自燃 自燃 消防'),
  ...t('traffic', 0.6, '交通事故 追尾 侧翻 连环相撞 相撞 撞车 车祸 翻车 脱轨 高速 客车 货车'),
  ...t('traffic', 0.3, '司机 驾驶 车辆 公路 国道 交警 列车 航班 坠机'),
  ...t('infrastructure', 0.6, '停电 停水 燃气泄漏 燃气爆炸 天然气爆炸 供热中断 桥梁垮塌 房屋倒塌 电梯 特种设备 断电'),
  ...t('infrastructure', 0.3, '燃气 液化气 煤气 管道 供暖 停暖 爆管 坍塌 塌楼 困人'),
  ...t('pollution', 0.6, '污染 偷排 废水 废气 死鱼 水源污染 排污 环境污染 超标排放'),
  ...t('pollution', 0.3, '黑水 恶臭 环保 生态环境 粉尘 排放'),
  ...t('epidemic', 0.6, '鼠疫 布病 布鲁氏菌病 流感 聚集性疫情 疫情 传染病 确诊 病例 诺如 不明原因'),
  ...t('epidemic', 0.3, '发热 感染 隔离 流调 密接 疾控'),
  ...t('animal-epidemic', 0.6, '口蹄疫 禽流感 非洲猪瘟 小反刍兽疫 动物疫情 疫区 扑杀 封锁 牲畜疫病 炭疽'),
  ...t('animal-epidemic', 0.3, '病死 畜牧兽医 牲畜 羊群 家禽 猪场 无害化处理'),
  ...t('food-safety', 0.6, '食物中毒 集体中毒 问题食品 食源性 呕吐腹泻 职业中毒 不合格食品'),
  ...t('food-safety', 0.3, '聚餐 就餐 食堂 饭店 喜宴 送医 市场监管'),
  ...t('mass-incident', 0.6, '聚集 讨薪 上访 围堵 踩踏 群体性 冲突 堵路 拉横幅'),
  ...t('mass-incident', 0.3, '欠薪 维权 人群 拥挤 聚众'),
  ...t('public-security', 0.6, '持刀 伤人 砍人 暴力袭击 爆炸袭击 枪击 恐怖 凶手 犯罪嫌疑人 刑事案件 命案'),
  ...t('public-security', 0.3, '警方 公安 嫌疑人 抓获 作案 行凶'),
  // Not-an-emergency cues: drills, tips, anniversaries, meetings, metaphors, ads.
  // Drill, anniversary and metaphor markers are near-certain whatever hazard the text names.
  ...t('none', 1.5, '演练 演习 应急演练 桌面推演 推演 周年 纪念日 火爆 爆款 爆单 地震级 洪荒之力 如同遭遇 像洪水一样'),
  ...t('none', 0.6, '科普 小知识 小贴士 纪念 召开 会议 部署 督导 培训 促销 优惠 回顾 接种 疫苗 怎么办 误区'),
  ...t(
    'none',
    0.3,
    '检查 宣传 如何 注意事项 知识 活动 开展 预案 模拟 假想 讲座 宣讲 学习 座谈 表彰 指南 收藏 限行 交通管制 高发季节',
  ),
  ...s('warning', 0.6, '预警 预警信号 预报 发布 可能 将出现 预计 提醒 防范 未来 注意防范'),
  ...s('occurring', 0.5, '发生 突发 正在 出现 突降 遭遇 袭击 引发 目前'),
  ...s('response', 0.6, '救援 处置 转移 抢险 疏散 搜救 扑救 营救 紧急 安置 抢修 赶赴 出动 应急响应'),
  ...s('aftermath', 0.6, '善后 恢复 调查 追责 问责 通报 结果 处理 复产 复课 赔偿 重建 已恢复 事故原因'),
  ...s('rumor', 0.8, '辟谣 谣言 不实 网传 系谣言 假消息 虚假 造谣 不属实 经核实 未发生'),
];
