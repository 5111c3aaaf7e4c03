-- The 填表说明 of annexes 4 and 5 as the notice words them (川教函〔2025〕119
-- 号): 0011 left out the education department's mailbox, so units did not
-- know where to send the scans. The defaults take the notice's wording, and
-- every campaign text still exactly as 0011 wrote it takes it too (a text a
-- manager edited stays as edited).

UPDATE notice_texts SET
  text = '填表说明：请各市（州）教育主管部门、各高职学校（含职教本科学校）{截止日期}前，将经单位盖章的 PDF 扫描件和 EXCEL 版本表格按要求通过 OA 办公系统报送至教育厅，同步发送至教育厅职业教育处邮箱 scsjytzjc@163.com。',
  version = version + 1
WHERE code = 'info_form_note'
  AND text = (SELECT d.text FROM notice_text_defaults d WHERE d.code = 'info_form_note');

UPDATE notice_texts SET
  text = '填表说明：请各市（州）教育主管部门、各高职学校在活动周结束后一周内，将经领导审签后的 PDF 盖章扫描件和 EXCEL 版本表格按要求通过 OA 办公系统报送至教育厅，同步发送至职业教育处邮箱 scsjytzjc@163.com；各市（州）人力资源社会保障部门按要求报送至人力资源社会保障厅职业能力建设处邮箱。',
  version = version + 1
WHERE code = 'statistics_note'
  AND text = (SELECT d.text FROM notice_text_defaults d WHERE d.code = 'statistics_note');

UPDATE notice_text_defaults SET
  text = '填表说明：请各市（州）教育主管部门、各高职学校（含职教本科学校）{截止日期}前，将经单位盖章的 PDF 扫描件和 EXCEL 版本表格按要求通过 OA 办公系统报送至教育厅，同步发送至教育厅职业教育处邮箱 scsjytzjc@163.com。'
WHERE code = 'info_form_note';

UPDATE notice_text_defaults SET
  text = '填表说明：请各市（州）教育主管部门、各高职学校在活动周结束后一周内，将经领导审签后的 PDF 盖章扫描件和 EXCEL 版本表格按要求通过 OA 办公系统报送至教育厅，同步发送至职业教育处邮箱 scsjytzjc@163.com；各市（州）人力资源社会保障部门按要求报送至人力资源社会保障厅职业能力建设处邮箱。'
WHERE code = 'statistics_note';
