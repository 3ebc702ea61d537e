package io.flotilla.cluster.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A realistic run of cache events for one shard, and the documents it must leave behind. Shared by the unit
 * test (memory mode) and the integration test (Redis mode), so both modes are held to the same result.
 */
final class GuildStory {
    record Event(String type, String json) {
        byte[] bytes() {
            return json.getBytes(StandardCharsets.UTF_8);
        }
    }

    static final List<Event> EVENTS = List.of(
            ev(
                    "READY",
                    "{'session_id':'s1','resume_gateway_url':'wss://r','user':{'id':'1','username':'bot','bot':true},"
                            + "'guilds':[{'id':'100','unavailable':true}]}"),
            ev(
                    "GUILD_CREATE",
                    "{'id':'100','name':'G','member_count':2,'roles':[{'id':'100','name':'@everyone'}],"
                            + "'emojis':[],'channels':[{'id':'200','type':0,'name':'general'}],"
                            + "'threads':[{'id':'300','type':11,'parent_id':'200','thread_metadata':{'archived':false}}],"
                            + "'members':[{'user':{'id':'1','username':'bot'},'roles':[]},"
                            + "{'user':{'id':'2','username':'alice','global_name':'Alice'},'nick':'al','roles':['101']}],"
                            + "'presences':[{'user':{'id':'2'},'status':'online'}],'voice_states':[]}"),
            ev("CHANNEL_CREATE", "{'id':'201','type':2,'guild_id':'100','name':'voice'}"),
            ev("CHANNEL_UPDATE", "{'id':'200','type':0,'guild_id':'100','name':'general-2'}"),
            ev("GUILD_ROLE_CREATE", "{'guild_id':'100','role':{'id':'101','name':'mods'}}"),
            ev("GUILD_MEMBER_ADD", "{'guild_id':'100','user':{'id':'3','username':'bob'},'roles':[],'joined_at':'t'}"),
            ev(
                    "GUILD_MEMBER_UPDATE",
                    "{'guild_id':'100','user':{'id':'2','username':'alice2'},'roles':['101'],'nick':'ally'}"),
            ev("PRESENCE_UPDATE", "{'user':{'id':'3','avatar':'abc'},'guild_id':'100','status':'idle'}"),
            ev(
                    "GUILD_UPDATE",
                    "{'id':'100','name':'G2','roles':[{'id':'100','name':'@everyone'},{'id':'101','name':'mods'}],"
                            + "'emojis':[]}"),
            ev("GUILD_EMOJIS_UPDATE", "{'guild_id':'100','emojis':[{'id':'400','name':'smile'}]}"),
            ev(
                    "THREAD_CREATE",
                    "{'id':'301','type':11,'guild_id':'100','parent_id':'200','newly_created':true,"
                            + "'thread_metadata':{'archived':false}}"),
            ev(
                    "THREAD_UPDATE",
                    "{'id':'300','type':11,'guild_id':'100','parent_id':'200','thread_metadata':{'archived':true}}"),
            ev(
                    "MESSAGE_CREATE",
                    "{'id':'500','channel_id':'201','guild_id':'100','author':{'id':'3','username':'bobby'},"
                            + "'member':{'nick':'b','roles':[]},'content':'x'}"),
            ev("GUILD_MEMBER_REMOVE", "{'guild_id':'100','user':{'id':'2','username':'alice2'}}"),
            ev("GUILD_ROLE_DELETE", "{'guild_id':'100','role_id':'101'}"),
            ev("CHANNEL_DELETE", "{'id':'200','guild_id':'100','type':0}"),
            ev(
                    "GUILD_CREATE",
                    "{'id':'101','name':'Other','channels':[],'roles':[],"
                            + "'members':[{'user':{'id':'4','username':'dan'},'roles':[]}]}"),
            ev("GUILD_DELETE", "{'id':'101'}"),
            ev("GUILD_DELETE", "{'id':'100','unavailable':true}"));

    static final String GUILD_100 = json("{'id':'100','name':'G2','member_count':2,"
            + "'roles':[{'id':'100','name':'@everyone'}],'emojis':[{'id':'400','name':'smile'}],"
            + "'channels':[{'id':'201','type':2,'guild_id':'100','name':'voice'}],'threads':[],'unavailable':true}");
    static final String MEMBER_1 = json("{'user':'1','roles':[]}");
    static final String MEMBER_3 = json("{'user':'3','roles':[],'joined_at':'t','nick':'b'}");
    static final String USER_1 = json("{'id':'1','username':'bot','bot':true}");
    static final String USER_2 = json("{'id':'2','username':'alice2','global_name':'Alice'}");
    static final String USER_3 = json("{'id':'3','username':'bobby','avatar':'abc'}");

    private GuildStory() {}

    static List<String> types(List<Event> events) {
        return events.stream().map(Event::type).toList();
    }

    static List<byte[]> data(List<Event> events) {
        List<byte[]> data = new ArrayList<>();
        events.forEach(event -> data.add(event.bytes()));
        return data;
    }

    private static Event ev(String type, String singleQuoted) {
        return new Event(type, json(singleQuoted));
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
