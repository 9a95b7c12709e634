import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-to-text.js';

describe('htmlToText', () => {
  it('drops tags and keeps the text of inline elements in place', () => {
    expect(htmlToText('锡林郭勒盟气象台发布<b>大风<span>蓝色</span></b>预警')).toBe('锡林郭勒盟气象台发布大风蓝色预警');
  });

  it('turns paragraphs, list items and <br> into line breaks', () => {
    const html = '<p>一、转移群众</p><p>二、封闭道路<br>三、加强巡查</p><ul><li>牧区</li><li>林区</li></ul>';

    expect(htmlToText(html)).toBe('一、转移群众\n二、封闭道路\n三、加强巡查\n牧区\n林区');
  });

  it('drops script, style, noscript and template contents with their tags', () => {
    const html =
      '<style>p{color:red}</style><p>正文</p><script type="text/javascript">document.write("<p>广告</p>")</script>' +
      '<noscript>请启用脚本</noscript><template><p>模板</p></template><p>结尾</p>';

    expect(htmlToText(html)).toBe('正文\n结尾');
  });

  it('finds the end of a script case-insensitively and ignores look-alike end tags', () => {
    expect(htmlToText('<SCRIPT>var s = "</scripts>";</Script >后文')).toBe('后文');
  });

  it('drops everything after a script that is never closed', () => {
    expect(htmlToText('前文<script>while(true){}')).toBe('前文');
  });

  it('drops comments, including conditional comments', () => {
    expect(htmlToText('通知<!-- 编辑：张三 --><!--[if IE]><p>旧浏览器</p><![endif]-->全文')).toBe('通知全文');
  });

  it('decodes named references, including &nbsp; &ldquo; &rdquo; &mdash; and &hellip;', () => {
    expect(htmlToText('&ldquo;白毛风&rdquo;&nbsp;来袭&mdash;&mdash;牧民注意&hellip; &lt;b&gt; &amp; &copy;')).toBe(
      '“白毛风” 来袭——牧民注意… <b> & ©',
    );
  });

  it('decodes decimal and hex references, mapping 128–159 to Windows-1252 as browsers do', () => {
    expect(htmlToText('&#38472;&#x5DF4;&#X5C14;&#34382; &#151; &#x1F525;')).toBe('陈巴尔虎 — 🔥');
  });

  it('replaces references to nothing readable with U+FFFD', () => {
    expect(htmlToText('a&#0;b&#xD800;c&#x110000;d')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
  });

  it('decodes Latin-1 names without a semicolon, as browsers do, and leaves unknown names as written', () => {
    expect(htmlToText('&nbspA &copy2025 a&b=1 &notin; &unknown; &')).toBe('A ©2025 a&b=1 ∉ &unknown; &');
  });

  it('keeps a lone < that starts no tag', () => {
    expect(htmlToText('PM2.5 < 75，AQI <= 100')).toBe('PM2.5 < 75，AQI <= 100');
  });

  it('does not end a tag at a > inside a quoted attribute', () => {
    expect(htmlToText('<a title="a > b" href="/x">链接</a>')).toBe('链接');
  });

  it('collapses whitespace, including no-break and ideographic spaces, within each line', () => {
    expect(htmlToText('<p>\u3000\u3000当前  正值\n春季\t防火期&nbsp;&nbsp;。</p>\n\n<p>  </p>')).toBe(
      '当前 正值 春季 防火期 。',
    );
  });

  it('separates table cells and rows', () => {
    expect(
      htmlToText('<table><tr><th>旗县</th><th>降雪量</th></tr><tr><td>西乌旗</td><td>12.5毫米</td></tr></table>'),
    ).toBe('旗县 降雪量\n西乌旗 12.5毫米');
  });

  it('keeps CDATA content as text', () => {
    expect(htmlToText('<![CDATA[a < b]]>')).toBe('a < b');
  });

  it('returns plain text unchanged apart from whitespace', () => {
    expect(htmlToText('  内蒙古自治区  应急管理厅 ')).toBe('内蒙古自治区 应急管理厅');
  });

  it('handles a large hostile input in linear time', () => {
    const hostile =
      '<a '.repeat(50_000) + '&'.repeat(100_000) + '</'.repeat(100_000) + '<script>' + '</scrip'.repeat(50_000);

    const start = performance.now();
    htmlToText(hostile);

    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('stays linear over many short text runs without references', () => {
    const many = '<i>字</i>'.repeat(100_000) + '&amp;';

    const start = performance.now();
    const text = htmlToText(many);

    expect(text.length).toBe(100_001);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
