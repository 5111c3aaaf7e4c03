// The public topic site (专题网站/专栏, docs/publicity.md "Public topic
// site"): published news, cases, photos and videos; no session; answers are
// cached by the server (ETag) and safe to share.
import { http } from './request'
import type { ListResult } from './common'

export type PublicityKind = 'article' | 'photos' | 'video' | 'case'

export interface TopicCover {
  thumb_url: string
  web_url: string
  width?: number
  height?: number
}

/** An item as the lists show it. */
export interface TopicCard {
  id: number
  kind: PublicityKind
  kind_name: string
  title: string
  unit_id: number
  unit_name: string
  theme_day_id: number | null
  theme_day_name: string
  /** The theme day's date, else the day it was published (YYYY-MM-DD). */
  date: string
  /** At most 80 characters of the body. */
  excerpt: string
  cover: TopicCover | null
  /** 择优推送 to national or provincial media. */
  pushed: boolean
  published_at: string
}

export interface TopicDay {
  theme_day_id: number
  day_index: number
  date: string
  name: string
  publicity_theme: string
  news: TopicCard[]
  cases: TopicCard[]
}

export interface Topic {
  campaign: { id: number; name: string; theme: string }
  days: TopicDay[]
  featured: TopicCard[]
  counts: { articles: number; photos: number; videos: number; cases: number }
}

/** A picture (or a video's poster) of an item; URLs are empty when that version does not exist. */
export interface TopicFile {
  blob_id: number
  kind: 'image' | 'video'
  caption: string
  width: number
  height: number
  thumb_url: string
  web_url: string
  poster_url: string
  /** A stored video itself, played in ranges ("" for pictures). */
  play_url: string
  /** A video's page on its platform ("" when none). */
  video_url: string
}

export interface GalleryItem {
  id: number
  title: string
  unit_id: number
  unit_name: string
  theme_day_name: string
  kind: 'photos' | 'video'
  published_at: string
  cover: TopicCover | null
  files: TopicFile[]
  video_url: string
}

export interface GalleryQuery {
  theme_day_id?: number
  /** The unit and the units below it. */
  unit_id?: number
  kind?: 'photos' | 'video'
  page?: number
  page_size?: number
}

export interface PublicItem extends TopicCard {
  body: string
  author: string
  video_url: string
  files: TopicFile[]
  outlets: { outlet: string; level: string; published_on: string; url: string }[]
  activity: { id: number; title: string } | null
}

export interface TopicColumn {
  unit: { id: number; name: string; kind: string }
  news: TopicCard[]
  cases: TopicCard[]
  gallery: GalleryItem[]
  activities: { total: number }
}

export function getTopic(campaignId: number): Promise<Topic> {
  return http.get(`/api/public/campaigns/${campaignId}/topic`)
}

export function getGallery(campaignId: number, query: GalleryQuery): Promise<ListResult<GalleryItem>> {
  return http.get(`/api/public/campaigns/${campaignId}/gallery`, { ...query })
}

/** One published item; 404 for anything not public. */
export function getPublicItem(id: number): Promise<PublicItem> {
  return http.get(`/api/public/publicity/${id}`)
}

export function getColumn(campaignId: number, unitId: number): Promise<TopicColumn> {
  return http.get(`/api/public/campaigns/${campaignId}/columns/${unitId}`)
}

/** 中央 / 省级 / 市级 / 县级 for an outlet's level. */
export function outletLevelName(level: string): string {
  return ({ central: '中央媒体', provincial: '省级媒体', city: '市级媒体', county: '县级媒体' } as Record<string, string>)[level] ?? level
}
