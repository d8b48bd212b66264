package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// scopeKey turns the scope and language_code parameters into the key
// commands are stored under: "default", "all_private_chats",
// "all_group_chats", "all_chat_administrators", "chat:<id>",
// "chat_administrators:<id>" or "chat_member:<id>:<user>", with
// "/<lang>" appended for a language. Call with s.mu held.
func (s *Server) scopeKey(p *params) (string, *apiError) {
	key := "default"
	if raw := p.str("scope"); raw != "" {
		var sc tgbotapi.BotCommandScope
		if err := json.Unmarshal([]byte(raw), &sc); err != nil {
			return "", badRequest("can't parse BotCommandScope JSON object")
		}
		switch sc.Type {
		case "default", "all_private_chats", "all_group_chats", "all_chat_administrators":
			key = sc.Type
		case "chat", "chat_administrators", "chat_member":
			if s.chats[sc.ChatID] == nil {
				return "", errChatNotFound
			}
			key = fmt.Sprintf("%s:%d", sc.Type, sc.ChatID)
			if sc.Type == "chat_member" {
				key += fmt.Sprintf(":%d", sc.UserID)
			}
		default:
			return "", badRequest("wrong bot command scope type specified")
		}
	}
	if lang := p.str("language_code"); lang != "" {
		key += "/" + lang
	}
	return key, nil
}

// setMyCommands implements https://core.telegram.org/bots/api#setmycommands.
func (s *Server) setMyCommands(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, e := s.scopeKey(p)
	if e != nil {
		return nil, e
	}
	var cmds []tgbotapi.BotCommand
	if err := json.Unmarshal([]byte(p.str("commands")), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands specified")
	}
	for _, c := range cmds {
		if !commandName.MatchString(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > 256 {
			return nil, badRequest("command description must be 1-256 characters")
		}
	}
	if len(cmds) == 0 {
		delete(s.commands, key)
	} else {
		s.commands[key] = cmds
	}
	s.notify()
	return true, nil
}

// deleteMyCommands implements
// https://core.telegram.org/bots/api#deletemycommands.
func (s *Server) deleteMyCommands(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, e := s.scopeKey(p)
	if e != nil {
		return nil, e
	}
	delete(s.commands, key)
	s.notify()
	return true, nil
}

// getMyCommands implements https://core.telegram.org/bots/api#getmycommands.
func (s *Server) getMyCommands(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, e := s.scopeKey(p)
	if e != nil {
		return nil, e
	}
	out := slices.Clone(s.commands[key])
	if out == nil {
		out = []tgbotapi.BotCommand{}
	}
	return out, nil
}

// Commands returns the commands set for a scope key such as "default",
// "all_private_chats", "all_group_chats" or "chat:<id>" (append "/<lang>"
// for a language); nil when none are set.
func (s *Server) Commands(scope string) []tgbotapi.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands[scope])
}
