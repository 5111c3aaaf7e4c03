import { shallowRef } from 'vue'
import { getActivityCategories, getAudienceList } from '@/api/activities'
import { getCurrentCampaign } from '@/api/campaigns'
import type { ActivityCategory, Audience } from '@/api/activities'
import type { Campaign } from '@/api/campaigns'

export interface PublicCampaignData {
  campaign: Campaign
  categories: ActivityCategory[]
  audiences: Audience[]
}

// Loaded once per visit: moving between the site's pages costs no requests.
let pending: Promise<PublicCampaignData> | null = null

async function fetchAll(): Promise<PublicCampaignData> {
  const campaign = await getCurrentCampaign()
  const [categories, audiences] = await Promise.all([getActivityCategories(campaign.id), getAudienceList()])
  return { campaign, categories: categories.items, audiences: audiences.items }
}

/**
 * The current campaign with its days, categories and audiences, for the
 * public site. `load` rejects when the server cannot be reached; the next
 * call tries again.
 */
export function usePublicCampaign() {
  const data = shallowRef<PublicCampaignData | null>(null)

  async function load(): Promise<PublicCampaignData> {
    pending ??= fetchAll().catch((e: unknown) => {
      pending = null
      throw e
    })
    data.value = await pending
    return data.value
  }

  return { data, load }
}
