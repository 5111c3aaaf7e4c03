// The material library's form: names of the codes, the draft an item is edited
// as, and the checks that mirror the server's (docs/publicity.md). The server
// checks again and its answer wins.
import type {
  OutletLevel,
  PublicityInput,
  PublicityItem,
  PublicityKind,
  PublicityOutlet,
  PublicityStatus,
} from '@/api/publicity'
import type { MediaBlob } from '@/api/media'
import { isDate } from '@/views/reporting/media-form'

export const kindNames: Record<PublicityKind, string> = {
  article: '稿件',
  photos: '图片',
  video: '视频',
  case: '典型案例',
}
export const kinds: readonly PublicityKind[] = ['article', 'photos', 'video', 'case']

export const statusNames: Record<PublicityStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  accepted: '已采用',
  pushed: '已择优推送',
}
export const statuses: readonly PublicityStatus[] = ['draft', 'submitted', 'returned', 'accepted', 'pushed']

export const statusTagTypes: Record<PublicityStatus, 'info' | 'warning' | 'primary' | 'success' | 'danger'> = {
  draft: 'info',
  submitted: 'primary',
  returned: 'danger',
  accepted: 'success',
  pushed: 'warning',
}

export const outletLevels: readonly OutletLevel[] = ['central', 'provincial', 'city', 'county']

/** Whether the kind carries a written text (正文 required). */
export const hasBody = (k: PublicityKind) => k === 'article' || k === 'case'

/** One attached file as the form shows it. */
export interface DraftFile {
  blob_id: number
  kind: 'image' | 'video'
  caption: string
  thumb_url: string
  name: string
}

export interface PublicityDraft {
  kind: PublicityKind
  title: string
  body: string
  author: string
  theme_day_id: number | undefined
  activity_id: number | undefined
  video_url: string
  tags: string[]
  has_people: boolean
  minors: boolean
  portrait_consent: boolean
  files: DraftFile[]
}

export type PublicityField =
  | 'kind'
  | 'title'
  | 'body'
  | 'author'
  | 'theme_day_id'
  | 'activity_id'
  | 'video_url'
  | 'tags'
  | 'has_people'
  | 'portrait_consent'
  | 'files'
export const publicityFields: readonly PublicityField[] = [
  'kind',
  'title',
  'body',
  'author',
  'theme_day_id',
  'activity_id',
  'video_url',
  'tags',
  'has_people',
  'portrait_consent',
  'files',
]

export const LIMITS = { title: 100, body: 20_000, bodyMin: 20, author: 50, url: 500, tags: 10, files: 60, caption: 200 }

export function emptyPublicityDraft(kind: PublicityKind = 'photos'): PublicityDraft {
  return {
    kind,
    title: '',
    body: '',
    author: '',
    theme_day_id: undefined,
    activity_id: undefined,
    video_url: '',
    tags: [],
    has_people: false,
    minors: false,
    portrait_consent: false,
    files: [],
  }
}

/** The draft of a stored item, to edit it. */
export function publicityDraftOf(item: PublicityItem): PublicityDraft {
  return {
    kind: item.kind,
    title: item.title,
    body: item.body ?? '',
    author: item.author,
    theme_day_id: item.theme_day_id ?? undefined,
    activity_id: item.activity_id ?? undefined,
    video_url: item.video_url,
    tags: [...item.tags],
    has_people: item.has_people,
    minors: item.minors,
    portrait_consent: item.portrait_consent,
    files: item.files.map((f) => ({
      blob_id: f.blob_id,
      kind: f.kind,
      caption: f.caption,
      thumb_url: f.thumb_url || f.poster_url,
      name: '',
    })),
  }
}

/** An uploaded file as the draft keeps it. */
export function draftFileOf(blob: MediaBlob): DraftFile {
  const thumb = blob.variants.includes('thumb') ? `/api/media/blobs/${blob.id}/thumb` : ''
  return { blob_id: blob.id, kind: blob.kind, caption: '', thumb_url: thumb, name: blob.name }
}

/** Which files the kind takes: photos and illustrations are images, a video item's files are videos. */
export function fileKindFor(kind: PublicityKind): 'image' | 'video' {
  return kind === 'video' ? 'video' : 'image'
}

/** Characters as a person counts them (a CJK character or an emoji is one). */
const chars = (s: string) => [...s].length

/** The first problem of each field, in Chinese; an empty object when the draft can be sent. */
export function checkPublicityDraft(d: PublicityDraft): Partial<Record<PublicityField, string>> {
  const errors: Partial<Record<PublicityField, string>> = {}
  const title = d.title.trim()
  const body = d.body.trim()
  const url = d.video_url.trim()
  if (!title) errors.title = '请填写标题'
  else if (chars(title) > LIMITS.title) errors.title = `标题不能超过 ${LIMITS.title} 个字`
  if (hasBody(d.kind)) {
    if (!body) errors.body = '请填写正文'
    else if (chars(body) < LIMITS.bodyMin) errors.body = `正文至少 ${LIMITS.bodyMin} 个字`
  }
  if (chars(body) > LIMITS.body) errors.body = `正文不能超过 ${LIMITS.body} 个字`
  if (chars(d.author.trim()) > LIMITS.author) errors.author = `作者不能超过 ${LIMITS.author} 个字`
  if (url && !/^https?:\/\/\S+$/.test(url)) errors.video_url = '视频链接应以 http:// 或 https:// 开头'
  else if (chars(url) > LIMITS.url) errors.video_url = `视频链接不能超过 ${LIMITS.url} 个字符`
  if (d.tags.length > LIMITS.tags) errors.tags = `标签最多 ${LIMITS.tags} 个`
  const wanted = fileKindFor(d.kind)
  if (d.files.length > LIMITS.files) errors.files = `文件最多 ${LIMITS.files} 个`
  else if (d.files.some((f) => f.kind !== wanted)) {
    errors.files = wanted === 'video' ? '视频素材只能附视频文件' : '只能附图片'
  } else if (d.kind === 'photos' && d.files.length === 0) errors.files = '请至少上传一张图片'
  else if (d.kind === 'video' && d.files.length === 0 && !url) errors.video_url = '请上传视频文件或填写视频链接'
  else if (d.files.some((f) => chars(f.caption) > LIMITS.caption)) errors.files = `图片说明不能超过 ${LIMITS.caption} 个字`
  return errors
}

/** What the server takes from a draft: trimmed text, nulls for what is not chosen. */
export function toPublicityInput(d: PublicityDraft, campaignId: number, unitId: number): PublicityInput {
  const text = hasBody(d.kind)
  return {
    campaign_id: campaignId,
    unit_id: unitId,
    kind: d.kind,
    title: d.title.trim(),
    body: d.body.trim(),
    author: d.author.trim(),
    theme_day_id: d.theme_day_id ?? null,
    activity_id: d.activity_id ?? null,
    video_url: d.kind === 'video' || text ? d.video_url.trim() : '',
    tags: [...d.tags],
    has_people: d.has_people,
    minors: d.has_people && d.minors,
    portrait_consent: d.has_people && d.portrait_consent,
    files: d.files.map((f) => ({ blob_id: f.blob_id, caption: f.caption.trim() })),
  }
}

/** The 择优推送 dialog's rows. */
export function emptyOutlet(): PublicityOutlet {
  return { outlet: '', level: 'provincial', published_on: '', url: '' }
}

/** Problems per outlet row ('' when the row is fine), and one for the list as a whole. */
export function checkOutlets(rows: readonly PublicityOutlet[]): { rows: string[]; list: string } {
  const list = rows.length === 0 ? '请至少填写一家媒体' : rows.length > 10 ? '一次最多填写 10 家媒体' : ''
  const out = rows.map((r) => {
    const name = r.outlet.trim()
    const url = r.url.trim()
    if (!name) return '请填写媒体名称'
    if (chars(name) > 100) return '媒体名称不能超过 100 个字'
    if (!outletLevels.includes(r.level)) return '请选择媒体级别'
    if (!r.published_on) return '请选择发布日期'
    if (!isDate(r.published_on)) return '发布日期应为 YYYY-MM-DD 格式的日期'
    if (url && !/^https?:\/\/\S+$/.test(url)) return '链接应以 http:// 或 https:// 开头'
    if (chars(url) > 500) return '链接不能超过 500 个字符'
    return ''
  })
  return { rows: out, list }
}

/** Trimmed outlets as the server takes them. */
export function toOutlets(rows: readonly PublicityOutlet[]): PublicityOutlet[] {
  return rows.map((r) => ({ outlet: r.outlet.trim(), level: r.level, published_on: r.published_on, url: r.url.trim() }))
}

/** The first image of an item as its cover (a video's poster), or '' when it has none. */
export function coverOf(item: Pick<PublicityItem, 'files'>): string {
  const f = item.files[0]
  if (!f) return ''
  return f.thumb_url || f.poster_url || ''
}

/** A unit's material counts on the completeness board: "5 件 · 采用 2 · 推送 1". */
export function publicityCountText(row: { items: number; accepted: number; pushed: number }): string {
  const parts = [`${row.items} 件`]
  if (row.accepted) parts.push(`采用 ${row.accepted}`)
  if (row.pushed) parts.push(`推送 ${row.pushed}`)
  return parts.join(' · ')
}

/** Which of the flow's buttons an item shows, from the server's can_* flags. */
export function itemActions(i: PublicityItem) {
  return {
    edit: i.can_edit,
    delete: i.can_delete ?? (i.can_edit && i.status === 'draft'),
    submit: i.can_submit,
    accept: i.can_decide,
    return: i.can_decide && i.status === 'submitted',
    recommend: i.can_recommend ?? (i.can_decide && !i.can_push),
    push: i.can_push,
    publish: i.can_publish,
  }
}
