package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// WebhookConfig is what SetWebhook registers.
type WebhookConfig struct {
	URL            string   // public https URL
	SecretToken    string   // sent back in X-Telegram-Bot-Api-Secret-Token
	AllowedUpdates []string // nil keeps Telegram's setting
	MaxConnections int      // 1–100; 0 leaves Telegram's default (40)
}

// SetWebhook registers the webhook
// (https://core.telegram.org/bots/api#setwebhook). secret_token is newer
// than the library's WebhookConfig, so the parameters are sent as they
// are through MakeRequest (Call); pending updates are kept.
func (c *Client) SetWebhook(ctx context.Context, w WebhookConfig) error {
	params := tgbotapi.Params{"url": w.URL, "secret_token": w.SecretToken, "drop_pending_updates": "false"}
	if w.AllowedUpdates != nil {
		b, err := json.Marshal(w.AllowedUpdates)
		if err != nil {
			return fmt.Errorf("telegram: setWebhook: %w", err)
		}
		params["allowed_updates"] = string(b)
	}
	if w.MaxConnections > 0 {
		params["max_connections"] = strconv.Itoa(w.MaxConnections)
	}
	_, err := c.Call(ctx, "setWebhook", 0, params)
	return err
}

// DeleteWebhook removes the webhook
// (https://core.telegram.org/bots/api#deletewebhook) so that getUpdates
// works again, keeping the updates Telegram holds unless dropPending.
// Polling calls it first: a webhook left by an earlier deployment would
// otherwise make every getUpdates fail with 409.
func (c *Client) DeleteWebhook(ctx context.Context, dropPending bool) error {
	_, err := c.Call(ctx, "deleteWebhook", 0, tgbotapi.Params{"drop_pending_updates": strconv.FormatBool(dropPending)})
	return err
}

// WebhookInfo is the part of getWebhookInfo's answer the bot logs.
type WebhookInfo struct {
	URL                string   `json:"url"`
	PendingUpdateCount int      `json:"pending_update_count"`
	LastErrorDate      int64    `json:"last_error_date"`
	LastErrorMessage   string   `json:"last_error_message"`
	MaxConnections     int      `json:"max_connections"`
	AllowedUpdates     []string `json:"allowed_updates"`
}

// GetWebhookInfo asks Telegram how the webhook is doing
// (https://core.telegram.org/bots/api#getwebhookinfo): its last delivery
// error and how many updates wait for it.
func (c *Client) GetWebhookInfo(ctx context.Context) (WebhookInfo, error) {
	raw, err := c.Call(ctx, "getWebhookInfo", 0, tgbotapi.Params{})
	if err != nil {
		return WebhookInfo{}, err
	}
	var info WebhookInfo
	if err := json.Unmarshal(raw, &info); err != nil {
		return WebhookInfo{}, fmt.Errorf("telegram: decode getWebhookInfo: %w", err)
	}
	return info, nil
}
