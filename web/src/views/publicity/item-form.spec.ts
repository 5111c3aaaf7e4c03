import { describe, expect, it } from 'vitest'
import type { PublicityItem } from '@/api/publicity'
import {
  checkOutlets,
  checkPublicityDraft,
  coverOf,
  draftFileOf,
  emptyOutlet,
  emptyPublicityDraft,
  itemActions,
  publicityCountText,
  publicityDraftOf,
  toOutlets,
  toPublicityInput,
  type DraftFile,
} from './item-form'

const image = (id: number): DraftFile => ({ blob_id: id, kind: 'image', caption: '', thumb_url: '', name: `${id}.jpg` })

describe('the material form', () => {
  it('asks photos for at least one picture and articles for a body of 20 characters', () => {
    const photos = { ...emptyPublicityDraft('photos'), title: '开放日' }
    expect(checkPublicityDraft(photos)).toEqual({ files: '请至少上传一张图片' })
    expect(checkPublicityDraft({ ...photos, files: [image(1)] })).toEqual({})

    const article = { ...emptyPublicityDraft('article'), title: '稿件' }
    expect(checkPublicityDraft(article).body).toBe('请填写正文')
    expect(checkPublicityDraft({ ...article, body: '太短了' }).body).toBe('正文至少 20 个字')
    expect(checkPublicityDraft({ ...article, body: '职'.repeat(20) })).toEqual({})
  })

  it('counts characters as people do and names the field', () => {
    const d = { ...emptyPublicityDraft('photos'), files: [image(1)] }
    expect(checkPublicityDraft({ ...d, title: '职'.repeat(100) })).toEqual({})
    expect(checkPublicityDraft({ ...d, title: '职'.repeat(101) }).title).toBe('标题不能超过 100 个字')
    expect(checkPublicityDraft({ ...d, title: '  ' }).title).toBe('请填写标题')
    expect(checkPublicityDraft({ ...d, title: 'a', author: '张'.repeat(51) }).author).toBe('作者不能超过 50 个字')
  })

  it('wants a video item to carry a file or a link, and an http(s) link', () => {
    const v = { ...emptyPublicityDraft('video'), title: '宣传片' }
    expect(checkPublicityDraft(v).video_url).toBe('请上传视频文件或填写视频链接')
    expect(checkPublicityDraft({ ...v, video_url: 'ftp://x' }).video_url).toBe('视频链接应以 http:// 或 https:// 开头')
    expect(checkPublicityDraft({ ...v, video_url: 'https://v.example.cn/1' })).toEqual({})
    expect(checkPublicityDraft({ ...v, files: [image(2)] }).files).toBe('视频素材只能附视频文件')
  })

  it('sends trimmed text and drops the minors and consent marks when no people are shown', () => {
    const d = {
      ...emptyPublicityDraft('photos'),
      title: ' 开放日 ',
      minors: true,
      portrait_consent: true,
      theme_day_id: 3,
      files: [{ ...image(4), caption: ' 合影 ' }],
    }
    const input = toPublicityInput(d, 1, 7)
    expect(input).toMatchObject({
      campaign_id: 1,
      unit_id: 7,
      title: '开放日',
      theme_day_id: 3,
      activity_id: null,
      has_people: false,
      minors: false,
      portrait_consent: false,
      video_url: '',
      files: [{ blob_id: 4, caption: '合影' }],
    })
    expect(toPublicityInput({ ...d, has_people: true }, 1, 7)).toMatchObject({ minors: true, portrait_consent: true })
  })

  it('edits a stored item from a copy', () => {
    const item = {
      kind: 'photos',
      title: 't',
      body: undefined,
      author: '',
      theme_day_id: null,
      activity_id: 12,
      video_url: '',
      tags: ['skills_show'],
      has_people: true,
      minors: false,
      portrait_consent: true,
      files: [{ blob_id: 3, kind: 'image', caption: 'c', width: 1, height: 1, thumb_url: '/t', web_url: '/w', poster_url: '' }],
    } as unknown as PublicityItem
    const d = publicityDraftOf(item)
    expect(d).toMatchObject({ body: '', theme_day_id: undefined, activity_id: 12, files: [{ blob_id: 3, caption: 'c', thumb_url: '/t' }] })
    d.tags.push('x')
    expect(item.tags).toEqual(['skills_show'])
    expect(coverOf(item)).toBe('/t')
    expect(coverOf({ files: [] })).toBe('')
  })

  it('shows an uploaded image by its thumbnail', () => {
    const f = draftFileOf({
      id: 9, unit_id: 1, kind: 'image', name: 'a.jpg', sha256: '', mime: 'image/jpeg', bytes: 1,
      width: 1, height: 1, duration_ms: 0, variants: ['original', 'web', 'thumb'], created_at: '',
    })
    expect(f).toEqual({ blob_id: 9, kind: 'image', caption: '', thumb_url: '/api/media/blobs/9/thumb', name: 'a.jpg' })
  })
})

describe('择优推送 outlets', () => {
  it('wants 1 to 10 rows, each with a name, a level and a real date', () => {
    expect(checkOutlets([]).list).toBe('请至少填写一家媒体')
    expect(checkOutlets(Array.from({ length: 11 }, emptyOutlet)).list).toBe('一次最多填写 10 家媒体')
    const ok = { outlet: ' 四川日报 ', level: 'provincial' as const, published_on: '2025-05-16', url: '' }
    expect(checkOutlets([ok])).toEqual({ rows: [''], list: '' })
    expect(checkOutlets([{ ...ok, outlet: '' }]).rows).toEqual(['请填写媒体名称'])
    expect(checkOutlets([{ ...ok, published_on: '2025-02-30' }]).rows).toEqual(['发布日期应为 YYYY-MM-DD 格式的日期'])
    expect(checkOutlets([{ ...ok, url: 'www.x.cn' }]).rows).toEqual(['链接应以 http:// 或 https:// 开头'])
    expect(toOutlets([ok])).toEqual([{ outlet: '四川日报', level: 'provincial', published_on: '2025-05-16', url: '' }])
  })
})

describe('board counts', () => {
  it('names only what there is', () => {
    expect(publicityCountText({ items: 5, accepted: 2, pushed: 1 })).toBe('5 件 · 采用 2 · 推送 1')
    expect(publicityCountText({ items: 3, accepted: 0, pushed: 0 })).toBe('3 件')
  })
})

describe('the item page buttons', () => {
  const flags = (over: Partial<PublicityItem>) =>
    ({ status: 'submitted', can_edit: false, can_submit: false, can_decide: false, can_push: false, can_publish: false, ...over }) as PublicityItem

  it('follows the server flags, and reads the first contract without can_recommend and can_delete', () => {
    expect(itemActions(flags({ can_decide: true }))).toMatchObject({ accept: true, return: true, recommend: true, push: false })
    expect(itemActions(flags({ can_decide: true, can_push: true }))).toMatchObject({ recommend: false, push: true })
    expect(itemActions(flags({ status: 'accepted', can_recommend: true }))).toMatchObject({ accept: false, return: false, recommend: true })
    expect(itemActions(flags({ status: 'draft', can_edit: true }))).toMatchObject({ edit: true, delete: true })
    expect(itemActions(flags({ status: 'draft', can_edit: true, can_delete: false })).delete).toBe(false)
  })
})
