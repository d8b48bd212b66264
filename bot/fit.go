package bot

import (
	"context"
	"log/slog"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/tgtext"
)

// sendFitted sends msg within Telegram's length limits, counted as
// Telegram counts them (tgtext). A text too long for one message is sent
// as several, cut at line breaks; a caption too long for its photo or
// document goes with its first line only, and the whole of it follows as
// a text message that replies to the media. Either way the reply markup
// goes with the last message, which is returned, so buttons are never
// lost with the text they belong to. ok is false when msg fits as it is.
func (c *Client) sendFitted(ctx context.Context, msg tgbotapi.Chattable) (m tgbotapi.Message, ok bool, err error) {
	switch v := msg.(type) {
	case tgbotapi.MessageConfig:
		// Explicit entities carry offsets a split would break; a text
		// that fits goes as it is (asked here, Split would allocate).
		if len(v.Entities) > 0 || tgtext.Fits(v.Text, v.ParseMode, tgtext.MaxText) {
			return m, false, nil
		}
		parts := tgtext.Split(v.Text, v.ParseMode, tgtext.MaxText)
		if len(parts) < 2 {
			return m, false, nil
		}
		m, err = c.sendParts(ctx, v, parts)
		return m, true, err
	case tgbotapi.PhotoConfig:
		if !captionTooLong(v.Caption, v.ParseMode, v.CaptionEntities) {
			return m, false, nil
		}
		full, markup := v.Caption, v.ReplyMarkup
		v.Caption, v.ReplyMarkup = tgtext.FirstLine(full, v.ParseMode, tgtext.MaxCaption), nil
		m, err = c.sendCaptionApart(ctx, v, v.BaseChat, full, v.ParseMode, markup)
		return m, true, err
	case tgbotapi.DocumentConfig:
		if !captionTooLong(v.Caption, v.ParseMode, v.CaptionEntities) {
			return m, false, nil
		}
		full, markup := v.Caption, v.ReplyMarkup
		v.Caption, v.ReplyMarkup = tgtext.FirstLine(full, v.ParseMode, tgtext.MaxCaption), nil
		m, err = c.sendCaptionApart(ctx, v, v.BaseChat, full, v.ParseMode, markup)
		return m, true, err
	}
	return m, false, nil
}

func captionTooLong(caption, mode string, entities []tgbotapi.MessageEntity) bool {
	return len(entities) == 0 && !tgtext.Fits(caption, mode, tgtext.MaxCaption)
}

// sendParts sends the parts of a long text in order: the first as a
// reply where msg was one, the last with the reply markup.
func (c *Client) sendParts(ctx context.Context, msg tgbotapi.MessageConfig, parts []string) (tgbotapi.Message, error) {
	markup, replyTo := msg.ReplyMarkup, msg.ReplyToMessageID
	var last tgbotapi.Message
	for i, p := range parts {
		part := msg
		part.Text, part.ReplyMarkup, part.ReplyToMessageID = p, nil, 0
		if i == 0 {
			part.ReplyToMessageID = replyTo
		}
		if i == len(parts)-1 {
			part.ReplyMarkup = markup
		}
		var err error
		if last, err = c.sendOne(ctx, part); err != nil {
			return last, err
		}
	}
	return last, nil
}

// sendCaptionApart sends media with its short caption, then the full
// caption as text (split if needed) replying to it, with the markup.
func (c *Client) sendCaptionApart(ctx context.Context, media tgbotapi.Chattable, base tgbotapi.BaseChat,
	full, mode string, markup any) (tgbotapi.Message, error) {
	sent, err := c.sendOne(ctx, media)
	if err != nil {
		return sent, err
	}
	text := tgbotapi.NewMessage(base.ChatID, full)
	text.ParseMode = mode
	text.DisableWebPagePreview = true
	text.DisableNotification = base.DisableNotification
	text.ReplyToMessageID = sent.MessageID
	text.ReplyMarkup = markup
	return c.Send(ctx, text)
}

// fitParams cuts the text or caption of a raw call (Call) to Telegram's
// limits, like fit; entities given as a parameter are left alone.
func (c *Client) fitParams(ctx context.Context, method string, params tgbotapi.Params) {
	key, limit := "text", tgtext.MaxText
	if _, ok := params["caption"]; ok {
		key, limit = "caption", tgtext.MaxCaption
	}
	text, ok := params[key]
	if !ok || params["entities"] != "" || params["caption_entities"] != "" {
		return
	}
	c.cutToLimit(ctx, method, &text, params["parse_mode"], limit)
	params[key] = text
}

// cutToLimit cuts *s to limit when it is longer, and logs it: the text
// was built too long for its place and should be paged instead. It
// reports whether it cut.
func (c *Client) cutToLimit(ctx context.Context, request string, s *string, mode string, limit int) bool {
	if tgtext.Fits(*s, mode, limit) {
		return false
	}
	c.log.WarnContext(ctx, "text cut to Telegram's limit", slog.String("request", request),
		slog.Int("length", tgtext.Len(*s, mode)), slog.Int("limit", limit))
	*s = tgtext.Cut(*s, mode, limit)
	return true
}

// fit cuts what a single request cannot split (an edit, a callback
// answer, media group captions, a text sent through Request) to
// Telegram's limits, ending it with "…" (cutToLimit). A request that
// fits is returned as it came: a copy of the config put back in the
// interface would be an allocation on every send.
func (c *Client) fit(ctx context.Context, msg tgbotapi.Chattable) tgbotapi.Chattable {
	cut := func(s *string, mode string, limit int) bool { return c.cutToLimit(ctx, typeName(msg), s, mode, limit) }
	switch v := msg.(type) {
	case tgbotapi.MessageConfig:
		if len(v.Entities) == 0 && cut(&v.Text, v.ParseMode, tgtext.MaxText) {
			return v
		}
	case tgbotapi.EditMessageTextConfig:
		if cut(&v.Text, v.ParseMode, tgtext.MaxText) {
			return v
		}
	case tgbotapi.EditMessageCaptionConfig:
		if cut(&v.Caption, v.ParseMode, tgtext.MaxCaption) {
			return v
		}
	case tgbotapi.PhotoConfig:
		if cut(&v.Caption, v.ParseMode, tgtext.MaxCaption) {
			return v
		}
	case tgbotapi.DocumentConfig:
		if cut(&v.Caption, v.ParseMode, tgtext.MaxCaption) {
			return v
		}
	case tgbotapi.CallbackConfig:
		if cut(&v.Text, "", tgtext.MaxCallbackAnswer) {
			return v
		}
	case tgbotapi.MediaGroupConfig:
		media := make([]any, len(v.Media))
		for i, it := range v.Media {
			if p, ok := it.(tgbotapi.InputMediaPhoto); ok {
				cut(&p.Caption, p.ParseMode, tgtext.MaxCaption)
				it = p
			}
			media[i] = it
		}
		v.Media = media
		return v
	}
	return msg
}
