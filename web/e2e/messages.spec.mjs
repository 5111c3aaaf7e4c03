// Messages that reach people outside vocweek (docs/messages.md), end to end
// with real receivers on 127.0.0.1 (server/tests/message_sinks.py): a unit
// admin points its 企业微信 robot at the test receiver in 消息设置, the
// province reminds the units on the completeness board, and the reminder
// arrives at the test SMTP server (Chinese subject decoded) and at the
// robot, its delivery status shown on the page. And the outbox's promise
// under a kill -9 of the sender mid-send: no message received twice, every
// message in a final status. No timing assertions: generous polling deadlines.
import assert from 'node:assert/strict'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { api, loginAs, launchBrowser, nav, shot } from './support/browser.mjs'
import { bodyOf, decodeWords, header, messagesServer, rcptOf, startSink, waitFor } from './support/messages.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

const smtpEnv = (smtp) => ({
  VOCWEEK_SMTP_HOST: '127.0.0.1',
  VOCWEEK_SMTP_PORT: String(smtp.port),
  VOCWEEK_SMTP_FROM: 'noreply@vocweek.test',
  VOCWEEK_SMTP_TLS: 'off',
  VOCWEEK_MESSAGES_POLL_MS: '300',
})

async function campaignId(page) {
  const list = await api(page, 'GET', '/api/campaigns')
  const items = Array.isArray(list) ? list : list.items
  return (items.find((c) => String(c.name).includes('2025')) ?? items[0]).id
}

/** Gives the user an e-mail address through the users API (as a sysadmin page). */
async function setEmail(admin, username, email) {
  const list = await api(admin, 'GET', `/api/users?keyword=${encodeURIComponent(username)}&page_size=50`)
  const found = list.items.find((u) => u.username === username)
  assert.ok(found, `user ${username}`)
  const user = await api(admin, 'GET', `/api/users/${found.id}`)
  await api(admin, 'PUT', `/api/users/${user.id}`, { ...user, email })
  return user
}

/** Every outbox row of the units, by id (the delivery status API, limit 200). */
async function deliveriesOf(page, unitIds) {
  const rows = new Map()
  for (const unit of unitIds) {
    for (const d of (await api(page, 'GET', `/api/units/${unit}/messages?limit=200`)).items) rows.set(d.id, d)
  }
  return [...rows.values()]
}

const messageIdOf = (mail) => header(mail, 'Message-ID').trim()

describe('messages', () => {
  it('a reminder reaches the test SMTP server (Chinese subject) and the unit’s 企业微信 robot; 消息设置 shows them sent', async () => {
    const smtp = await startSink('smtp')
    const robot = await startSink('http')
    // The robots' hosts by flag (app::Config), the SMTP server by environment.
    const server = messagesServer(smtpEnv(smtp), { args: ['--webhook-hosts', '127.0.0.1'] })
    try {
      const base = await server.start()
      const admin = await loginAs(browser, base, 'admin')
      await setEmail(admin, 'chengdu', 'zhicheng@chengdu.example.cn')

      // The unit admin of 成都市教育局 points its group robot at the test receiver.
      const chengdu = await loginAs(browser, base, 'chengdu')
      await chengdu.locator('[data-test=messages-link]').click()
      await chengdu.locator('[data-test=unit-messages]').getByText('单位消息').waitFor()
      await chengdu.locator('[data-test=webhook-kind]').getByText('企业微信').click()
      const robotUrl = `http://127.0.0.1:${robot.port}/cgi-bin/webhook/send?key=e2e-key`
      await chengdu.locator('input[data-test=webhook-url]').fill(robotUrl)
      await chengdu.locator('[data-test=save-settings]').click()
      await chengdu.locator('.el-message', { hasText: '单位消息设置已保存' }).waitFor()
      await shot(chengdu, 'messages-settings', true)

      // The province reminds the units that have not submitted their information form.
      const province = await loginAs(browser, base, 'province')
      await nav(province, '报表审核')
      await province.locator('[data-test=board-remind]').click()
      await province.locator('.el-message-box').getByRole('button', { name: /^提醒 \d+ 个单位$/ }).click()
      await province.locator('[data-test=board-remind-result]').waitFor()

      // The e-mail, as the SMTP server received it.
      const mail = await waitFor('the reminder e-mail', () => smtp.messages().find((m) => rcptOf(m) === 'zhicheng@chengdu.example.cn'))
      const subject = header(mail, 'Subject')
      assert.match(subject, /^=\?UTF-8\?B\?/, 'a Chinese subject travels as RFC 2047 encoded words')
      assert.equal(decodeWords(subject), '请尽快提交信息采集表')
      assert.match(decodeWords(header(mail, 'From')), /职业教育活动周/)
      assert.match(header(mail, 'Content-Type'), /charset="?UTF-8"?/i)
      const body = bodyOf(mail)
      assert.match(body, /四川省教育厅提醒：本单位的.*信息采集表尚未提交/)
      assert.match(body, /\/reports\?form=info_form&unit_id=\d+/)
      assert.match(messageIdOf(mail), /^<vocweek-outbox-\d+@vocweek\.test>$/)

      // The robot's JSON, as the receiver got it.
      const post = await waitFor('the robot message', () => robot.messages()[0])
      const nl = post.indexOf('\n')
      assert.equal(post.slice(0, nl), '/cgi-bin/webhook/send?key=e2e-key')
      const payload = JSON.parse(post.slice(nl + 1))
      assert.equal(payload.msgtype, 'markdown')
      assert.ok(payload.markdown.content.startsWith('**请尽快提交信息采集表**\n'), payload.markdown.content)

      // 消息设置 lists both as sent; the robot's key is not shown.
      const table = chengdu.locator('[data-test=deliveries]')
      await waitFor('消息设置 to show both messages sent', async () => {
        await chengdu.reload()
        await table.locator('.el-table__body tr').first().waitFor()
        const rows = await table.locator('.el-table__body tr', { hasText: '请尽快提交信息采集表' }).allInnerTexts()
        const mailRow = rows.find((r) => r.includes('z***@chengdu.example.cn'))
        const robotRow = rows.find((r) => r.includes('企业微信'))
        return mailRow?.includes('已发送') && robotRow?.includes('已发送')
      })
      const texts = (await table.locator('.el-table__body').innerText())
      assert.match(texts, /企业微信/)
      assert.match(texts, /邮件/)
      assert.doesNotMatch(texts, /e2e-key/)
      assert.doesNotMatch(texts, /zhicheng@/)
      await shot(chengdu, 'messages-deliveries', true)

      // Sent once each.
      assert.equal(smtp.messages().filter((m) => rcptOf(m) === 'zhicheng@chengdu.example.cn').length, 1)
      assert.equal(robot.messages().length, 1)
      assert.deepEqual(chengdu.jsErrors, [])
    } finally {
      await server.remove()
      await robot.stop()
      await smtp.stop()
    }
  })

  it('a sender killed with kill -9 mid-send, then restarted: no e-mail received twice, every message sent, unknown or failed', async () => {
    // The SMTP server takes each message whole, then holds back its answer
    // while `hold` exists: the sender is killed between delivering and
    // knowing it delivered.
    const smtp = await startSink('smtp', ['--hold'])
    writeFileSync(join(smtp.dir, 'hold'), '')
    const server = messagesServer(
      {
        ...smtpEnv(smtp),
        // Long enough that the sender never gives up on the held answer itself.
        VOCWEEK_MESSAGES_TIMEOUT: '300',
        // The killed sender's claim runs out soon after the restart.
        VOCWEEK_MESSAGES_LEASE: '3',
        VOCWEEK_MESSAGES_BACKOFF: '1',
      },
      // The real clock: a stopped one would never let the killed sender's lease run out.
      { clock: null },
    )
    try {
      let base = await server.start()
      let admin = await loginAs(browser, base, 'admin')
      // Everyone with a grant on a unit the province reminds gets an address.
      const units = new Set()
      for (const username of ['chengdu', 'sctc', 'school2']) {
        const user = await setEmail(admin, username, `${username}@vocweek.test`)
        for (const g of user.grants) units.add(g.unit_id)
      }
      const campaign = await campaignId(admin)
      const province = await loginAs(browser, base, 'province')
      const me = await api(province, 'GET', '/api/auth/me')
      const provinceUnit = me.grants.find((g) => g.unit_name === '四川省教育厅').unit_id
      // Two reminders: the information form and the statistics, for every unit not done.
      for (const form of ['info_form', 'statistics']) {
        await api(province, 'POST', `/api/campaigns/${campaign}/board/${form}/remind?unit_id=${provinceUnit}`, {})
      }
      const isReminderMail = (d) => d.channel === 'email' && d.kind.startsWith('reminder:') && d.status !== 'missing'
      const queued = (await deliveriesOf(admin, units)).filter(isReminderMail)
      assert.ok(queued.length >= 4, `e-mails queued: ${queued.length}`)

      // Kill -9 while the SMTP server holds the first message's answer.
      await waitFor('the first e-mail to reach the SMTP server', () => smtp.messages().length >= 1)
      await server.kill9()
      const beforeRestart = smtp.messages().length
      assert.equal(beforeRestart, 1, 'one message was in flight')
      rmSync(join(smtp.dir, 'hold'))

      // Restarted on the same database, the sender finishes the rest.
      base = await server.start()
      admin = await loginAs(browser, base, 'admin')
      const final = new Set(['sent', 'unknown', 'failed'])
      const rows = await waitFor('every e-mail to reach a final status', async () => {
        const all = (await deliveriesOf(admin, units)).filter(isReminderMail)
        return all.length === queued.length && all.every((d) => final.has(d.status)) && all
      }, 180_000)

      const mails = smtp.messages()
      const received = new Map()
      for (const m of mails) received.set(messageIdOf(m), (received.get(messageIdOf(m)) ?? 0) + 1)
      for (const [id, n] of received) assert.equal(n, 1, `${id} received ${n} times`)
      const idOf = (row) => `<vocweek-outbox-${row.id}@vocweek.test>`
      for (const row of rows) {
        if (row.status === 'sent') assert.equal(received.get(idOf(row)), 1, `sent row ${row.id} received once`)
      }
      // The message in flight at the kill: delivered, but the sender never heard so. Not resent.
      const unknown = rows.filter((r) => r.status === 'unknown')
      assert.equal(unknown.length, 1, JSON.stringify(rows.map((r) => [r.id, r.status])))
      assert.equal(received.get(idOf(unknown[0])), 1)
      assert.equal(mails.length, rows.filter((r) => r.status === 'sent').length + 1)
      assert.match(server.logText(), /being sent by a stopped sender: unknown/)
    } finally {
      await server.remove()
      await smtp.stop()
    }
  })
})
