import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** java -cp amqp-client.jar:slf4j-api.jar bench/lib/DeleteRabbitNames.java URL PREFIX: removes a run's seed 000 names. */
public class DeleteRabbitNames {
    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(args[0]);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            for (String queue : new String[] {"portfolio.updates", "search.sync", "audit.events", "balance.request",
                    "dead.letters"}) {
                channel.queueDelete(args[1] + queue);
            }
            for (String exchange : new String[] {"orders.events", "balance.request.exchange", "balance.response.exchange",
                    "dlx"}) {
                channel.exchangeDelete(args[1] + exchange);
            }
        }
    }
}
