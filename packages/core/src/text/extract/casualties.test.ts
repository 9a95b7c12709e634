import { describe, expect, it } from 'vitest';
import { extractCasualties } from './casualties.js';

const none = { deaths: null, injured: null, missing: null, trapped: null, approximate: [] };

describe('extractCasualties', () => {
  it('reads deaths and injuries stated as 造成3人死亡、2人受伤', () => {
    expect(extractCasualties('事故造成3人死亡、2人受伤')).toEqual({ ...none, deaths: 3, injured: 2 });
  });

  it('reads Chinese numerals in 致两死三伤', () => {
    expect(extractCasualties('货车侧翻致两死三伤')).toEqual({ ...none, deaths: 2, injured: 3 });
  });

  it('reads the compact form 一死两伤', () => {
    expect(extractCasualties('连环相撞，一死两伤')).toEqual({ ...none, deaths: 1, injured: 2 });
  });

  it('reads the compact form with Arabic digits (3死2伤)', () => {
    expect(extractCasualties('煤气爆炸3死2伤')).toEqual({ ...none, deaths: 3, injured: 2 });
  });

  it('reads an updated toll written as 遇难者增至5人', () => {
    expect(extractCasualties('遇难者增至5人')).toEqual({ ...none, deaths: 5 });
  });

  it('reads 死亡人数上升至12人', () => {
    expect(extractCasualties('截至目前，死亡人数上升至12人')).toEqual({ ...none, deaths: 12 });
  });

  it('reads a toll without a classifier when the words say it counts people (死亡人数为3)', () => {
    expect(extractCasualties('死亡人数为3。')).toEqual({ ...none, deaths: 3 });
  });

  it('keeps the largest number stated for a kind', () => {
    expect(extractCasualties('初步核实3人遇难，后遇难者增至5人')).toEqual({ ...none, deaths: 5 });
  });

  it('reads 3人失联 as missing', () => {
    expect(extractCasualties('透水事故3人失联')).toEqual({ ...none, missing: 3 });
  });

  it('reads 2人下落不明 as missing', () => {
    expect(extractCasualties('山洪过后仍有2人下落不明')).toEqual({ ...none, missing: 2 });
  });

  it('reads 12名矿工被困 as trapped', () => {
    expect(extractCasualties('井下12名矿工被困')).toEqual({ ...none, trapped: 12 });
  });

  it('reads 被困人员7人 as trapped', () => {
    expect(extractCasualties('目前被困人员7人')).toEqual({ ...none, trapped: 7 });
  });

  it('reads 已有3人遇难', () => {
    expect(extractCasualties('已有3人遇难')).toEqual({ ...none, deaths: 3 });
  });

  it('reads 受伤的5名群众 as injured', () => {
    expect(extractCasualties('受伤的5名群众已送医救治')).toEqual({ ...none, injured: 5 });
  });

  it('reads 5人经抢救无效死亡 as deaths', () => {
    expect(extractCasualties('5人经抢救无效死亡')).toEqual({ ...none, deaths: 5 });
  });

  it('adds up severe and minor injuries (重伤2人 轻伤5人)', () => {
    expect(extractCasualties('重伤2人 轻伤5人')).toEqual({ ...none, injured: 7 });
  });

  it('reads hospital admissions in a poisoning as injured', () => {
    expect(extractCasualties('某单位食堂发生食物中毒 12人入院')).toEqual({ ...none, injured: 12 });
  });

  it('reads 12人出现中毒症状 as injured', () => {
    expect(extractCasualties('聚餐后12人出现中毒症状')).toEqual({ ...none, injured: 12 });
  });

  it('gives a number before its verb to that verb (死亡1人受伤2人)', () => {
    expect(extractCasualties('死亡1人受伤2人')).toEqual({ ...none, deaths: 1, injured: 2 });
  });

  it('gives a number after a finished statement to the next verb (3人死亡2人受伤)', () => {
    expect(extractCasualties('造成3人死亡2人受伤')).toEqual({ ...none, deaths: 3, injured: 2 });
  });

  it('reads 遇害 as deaths', () => {
    expect(extractCasualties('持刀伤人事件致2人遇害')).toEqual({ ...none, deaths: 2 });
  });

  it('gives a combined toll to no kind (死伤者10人, 3人伤亡)', () => {
    expect(extractCasualties('死伤者10人，另有3人伤亡')).toEqual(none);
  });

  it('reads 无人员伤亡 as zero for all four kinds', () => {
    expect(extractCasualties('火灾无人员伤亡')).toEqual({ ...none, deaths: 0, injured: 0, missing: 0, trapped: 0 });
  });

  it('reads 无人死亡 as zero deaths only', () => {
    expect(extractCasualties('所幸无人死亡')).toEqual({ ...none, deaths: 0 });
  });

  it('reads 未造成人员死亡 as zero deaths only', () => {
    expect(extractCasualties('未造成人员死亡')).toEqual({ ...none, deaths: 0 });
  });

  it('reads 暂无人员伤亡报告 as zeros', () => {
    expect(extractCasualties('暂无人员伤亡报告')).toEqual({ ...none, deaths: 0, injured: 0, missing: 0, trapped: 0 });
  });

  it('lets a stated number win over a zero (2人受伤，无人死亡)', () => {
    expect(extractCasualties('2人受伤，无人死亡')).toEqual({ ...none, deaths: 0, injured: 2 });
  });

  it('does not count people who were rescued (救出4人, 4人获救)', () => {
    expect(extractCasualties('消防救出4人，另有4人获救')).toEqual(none);
  });

  it('leaves an approximate count null and says it was approximate (十余人死亡)', () => {
    expect(extractCasualties('十余人死亡')).toEqual({ ...none, approximate: ['deaths'] });
  });

  it('marks 多人受伤 as approximate', () => {
    expect(extractCasualties('3人死亡，多人受伤')).toEqual({ ...none, deaths: 3, approximate: ['injured'] });
  });

  it('marks 数十人被困 as approximate', () => {
    expect(extractCasualties('数十人被困')).toEqual({ ...none, approximate: ['trapped'] });
  });

  it('ignores numbers that are not about people (3辆车, 5头牛死亡)', () => {
    expect(extractCasualties('3辆车相撞，5头牛死亡')).toEqual(none);
  });

  it('ignores livestock counted after the verb (死亡牲畜达300头)', () => {
    expect(extractCasualties('暴雪致死亡牲畜达300头')).toEqual(none);
  });

  it('ignores durations after the verb (被困7小时)', () => {
    expect(extractCasualties('被困7小时后')).toEqual(none);
  });

  it('ignores negated statements (3人未受伤)', () => {
    expect(extractCasualties('车上3人未受伤')).toEqual(none);
  });

  it('reads people with symptoms after a meal as injured (43名宾客出现呕吐)', () => {
    expect(extractCasualties('婚宴后43名宾客出现呕吐、腹痛等症状')).toEqual({ ...none, injured: 43 });
  });

  it('reads 17名工人出现头晕 as injured', () => {
    expect(extractCasualties('17名工人出现头晕、恶心等症状')).toEqual({ ...none, injured: 17 });
  });

  it('reads 12名就餐人员身体不适 as injured', () => {
    expect(extractCasualties('12名就餐人员身体不适')).toEqual({ ...none, injured: 12 });
  });

  it('reads 聚餐后5人中毒 as injured', () => {
    expect(extractCasualties('聚餐后5人中毒')).toEqual({ ...none, injured: 5 });
  });

  it('counts the members of a family with 口 (一家三口中毒)', () => {
    expect(extractCasualties('一家三口亚硝酸盐中毒')).toEqual({ ...none, injured: 3 });
  });

  it('reads 一家五口…中毒入院 as five injured', () => {
    expect(extractCasualties('一家五口食用野菜后中毒入院')).toEqual({ ...none, injured: 5 });
  });

  it('reads a growing number of patients in a poisoning (就诊学生增至35人)', () => {
    expect(extractCasualties('集体呕吐事件累计就诊学生增至35人')).toEqual({ ...none, injured: 35 });
  });

  it('reads 发病员工65人 in a food-borne outbreak as injured', () => {
    expect(extractCasualties('食源性疾病事件，发病员工65人')).toEqual({ ...none, injured: 65 });
  });

  it('reads an occupational poisoning diagnosis (4名工人确诊为职业性慢性铅中毒)', () => {
    expect(extractCasualties('4名工人确诊为职业性慢性铅中毒')).toEqual({ ...none, injured: 4 });
  });

  it('reads patients seen by a doctor in a poisoning (28名学生到医院就诊)', () => {
    expect(extractCasualties('部分学生午餐后出现呕吐，已有28名学生到医院就诊')).toEqual({ ...none, injured: 28 });
  });

  it('reads 3名游客误食毒蘑菇 as injured', () => {
    expect(extractCasualties('3名游客误食毒蘑菇，均已脱险')).toEqual({ ...none, injured: 3 });
  });

  it('reads 误食毒蘑菇致3名游客中毒 as injured', () => {
    expect(extractCasualties('误食毒蘑菇致3名游客中毒')).toEqual({ ...none, injured: 3 });
  });

  it('counts people with 个 (7个游客困在山上)', () => {
    expect(extractCasualties('听说有7个游客困在山上')).toEqual({ ...none, trapped: 7 });
  });

  it('counts 一对 as two (一对老夫妻被困)', () => {
    expect(extractCasualties('一对老夫妻被困 邻居翻墙进去背出来了')).toEqual({ ...none, trapped: 2 });
  });

  it('reads 救出来三个被困的 as three trapped', () => {
    expect(extractCasualties('一共救出来三个被困的')).toEqual({ ...none, trapped: 3 });
  });

  it('gives a verb without a number the count of its sentence’s subject (两名游客…被困一夜)', () => {
    expect(extractCasualties('两名外地游客驾车在戈壁迷路，因车辆抛锚被困一夜')).toEqual({ ...none, trapped: 2 });
  });

  it('reads 困在车里的3人 as trapped', () => {
    expect(extractCasualties('困在车里的3人已被救出')).toEqual({ ...none, trapped: 3 });
  });

  it('reads 冲走一个放羊的老汉 as missing', () => {
    expect(extractCasualties('洪水冲走一个放羊的老汉 到现在还没找着')).toEqual({ ...none, missing: 1 });
  });

  it('reads 2人被冲走 as missing', () => {
    expect(extractCasualties('2人被冲走')).toEqual({ ...none, missing: 2 });
  });

  it('reads the colloquial 两个人没了 as deaths', () => {
    expect(extractCasualties('已经两个人没了')).toEqual({ ...none, deaths: 2 });
  });

  it('reads 有个老人没挺过来 as one death', () => {
    expect(extractCasualties('隔壁床有个老人没挺过来')).toEqual({ ...none, deaths: 1 });
  });

  it('reads 一名牧民…经抢救无效死亡 as one death', () => {
    expect(extractCasualties('一名牧民遭雷击，经抢救无效死亡')).toEqual({ ...none, deaths: 1 });
  });

  it('reads 不幸遇难 with a single person as its subject', () => {
    expect(extractCasualties('被害人为一名出租车司机，已不幸遇难')).toEqual({ ...none, deaths: 1 });
  });

  it('reads 两名工人…当场身亡 as two deaths', () => {
    expect(extractCasualties('两名工人从吊篮上坠落，当场身亡')).toEqual({ ...none, deaths: 2 });
  });

  it('reads injuries named by their cause (2人冻伤, 1人划伤)', () => {
    expect(extractCasualties('2人冻伤，另有1人划伤')).toEqual({ ...none, injured: 2 });
  });

  it('reads 驾驶员受轻伤 as one injured', () => {
    expect(extractCasualties('货车侧翻，驾驶员受轻伤')).toEqual({ ...none, injured: 1 });
  });

  it('reads 接诊因路滑摔伤的市民63人 as injured', () => {
    expect(extractCasualties('急救中心当天接诊因路滑摔伤的市民63人')).toEqual({ ...none, injured: 63 });
  });

  it('reads 全市未接到人员伤亡报告 as zeros', () => {
    expect(extractCasualties('全市未接到人员伤亡报告')).toEqual({
      ...none,
      deaths: 0,
      injured: 0,
      missing: 0,
      trapped: 0,
    });
  });

  it('reads 未出现人员伤亡 as zeros', () => {
    expect(extractCasualties('全市未出现人员伤亡')).toEqual({ ...none, deaths: 0, injured: 0, missing: 0, trapped: 0 });
  });

  it('ignores the figures of a quoted rumour it refutes', () => {
    expect(extractCasualties('网传“突泉县地震引发房屋倒塌致2人死亡”系谣言。经核实，此次地震无人员伤亡。')).toEqual({
      ...none,
      deaths: 0,
      injured: 0,
      missing: 0,
      trapped: 0,
    });
  });

  it('ignores the figures stated before 系谣言', () => {
    expect(extractCasualties('网传突泉县地震致2人死亡系谣言，此次地震无人员伤亡')).toEqual({
      ...none,
      deaths: 0,
      injured: 0,
      missing: 0,
      trapped: 0,
    });
  });

  it('reads missing people found dead (失联的2名群众已找到，均已遇难)', () => {
    expect(extractCasualties('失联的2名群众已找到，均已遇难')).toEqual({ ...none, deaths: 2, missing: 0 });
  });

  it('reads the survivors still treated after a death toll', () => {
    expect(extractCasualties('死亡人数上升至3人，另有6人仍在医院治疗')).toEqual({ ...none, deaths: 3, injured: 6 });
  });

  it('takes the dead out of an injured group (致3人中毒，其中1人经抢救无效死亡)', () => {
    expect(extractCasualties('致3人中毒，其中1人经抢救无效死亡')).toEqual({ ...none, deaths: 1, injured: 2 });
  });

  it('reads 仍有1人被困 as the current count', () => {
    expect(extractCasualties('12名矿工被困，已救出11人，仍有1人被困')).toEqual({ ...none, trapped: 1 });
  });

  it('reads a trapped person found dead as no longer trapped', () => {
    expect(extractCasualties('被埋的1名工人今晨被找到，已无生命体征')).toEqual({ ...none, deaths: 1, trapped: 0 });
  });

  it('counts the injured, not the attacker (一名男子持刀砍伤两名学生)', () => {
    expect(extractCasualties('一名男子持刀砍伤两名学生')).toEqual({ ...none, injured: 2 });
  });

  it('reads a killing without a count as one death (持刀杀害其前妻)', () => {
    expect(extractCasualties('一名男子持刀杀害其前妻')).toEqual({ ...none, deaths: 1 });
  });

  it('reads a hurt body part as one injured (腿被夹了)', () => {
    expect(extractCasualties('电梯门没关就往上走 一个大爷腿被夹了')).toEqual({ ...none, injured: 1 });
  });

  it('reads 人都没事 as zeros', () => {
    expect(extractCasualties('车翻进沟里了 人都没事')).toEqual({
      ...none,
      deaths: 0,
      injured: 0,
      missing: 0,
      trapped: 0,
    });
  });

  it('never counts animals (雷击死了三头牛, 11只羊被雷击死亡)', () => {
    expect(extractCasualties('雷击死了三头牛，另有11只羊被雷击死亡')).toEqual(none);
  });

  it('reads no zero from a statement about livestock (未发生大规模牲畜死亡)', () => {
    expect(extractCasualties('旱情总体可控，未发生大规模牲畜死亡')).toEqual(none);
  });

  it('reads no zero from a question (没人受伤吧)', () => {
    expect(extractCasualties('莫旗那边没人受伤吧')).toEqual(none);
  });

  it('ignores a count that is denied (无一名学生身体不适)', () => {
    expect(extractCasualties('系应急演练被误传，无一名学生身体不适')).toEqual(none);
  });

  it('ignores a count of things before a bare 死 (一个小区烧死人了)', () => {
    expect(extractCasualties('有人说一个小区烧死人了')).toEqual(none);
  });

  it('reads full-width digits', () => {
    expect(extractCasualties('造成３人死亡')).toEqual({ ...none, deaths: 3 });
  });

  it('returns nothing stated for an empty string', () => {
    expect(extractCasualties('')).toEqual(none);
  });

  it('handles a 100 KB text', () => {
    const text = '今日天气晴好，牧民转场顺利。'.repeat(7200) + '事故造成3人死亡';

    expect(text.length).toBeGreaterThan(100_000);
    expect(extractCasualties(text)).toEqual({ ...none, deaths: 3 });
  });
});
